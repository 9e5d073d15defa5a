package org.handover.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.handover.apiauth.ApiErrors;
import org.handover.catalog.DomainOwner;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.NewService;
import org.handover.catalog.ServiceType;
import org.handover.change.DeleteService;
import org.handover.contact.Contacts;
import org.handover.operator.InvalidOperatorRequest;
import org.handover.operator.api.OperatorViews.ServiceView;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operator API: services (create, read, delete when no request is open). */
@OperatorApi
@RestController
@RequestMapping("/operator/v1/services")
class OperatorServicesApi {

  private final HostedServices services;
  private final DeleteService changes;

  OperatorServicesApi(HostedServices services, DeleteService changes) {
    this.services = services;
    this.changes = changes;
  }

  @JsonIgnoreProperties(ignoreUnknown = false)
  record OwnerBody(String name, String organisation, String email, String address, String phone) {}

  @JsonIgnoreProperties(ignoreUnknown = false)
  record NewServiceBody(
      String type,
      String name,
      String displayName,
      String admin,
      String tech,
      String billing,
      String expiration,
      OwnerBody owner) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  ServiceView create(Actor operator, @RequestBody NewServiceBody body) {
    ServiceType type = type(body.type());
    if (body.admin() == null) {
      throw new InvalidOperatorRequest("operator.invalid.admin");
    }
    Nic admin = Nic.parse(body.admin());
    Nic tech = body.tech() == null ? admin : Nic.parse(body.tech());
    Nic billing = body.billing() == null ? admin : Nic.parse(body.billing());
    DomainOwner owner =
        body.owner() == null
            ? null
            : DomainOwner.of(
                body.owner().name(),
                body.owner().organisation(),
                body.owner().email(),
                body.owner().address(),
                body.owner().phone());
    HostedService s =
        services.register(
            new NewService(
                type,
                body.name(),
                body.displayName() == null ? String.valueOf(body.name()) : body.displayName(),
                HostedService.Status.ok,
                expiration(body.expiration()),
                new Contacts(admin, tech, billing),
                owner),
            operator);
    return ServiceView.of(s);
  }

  @GetMapping("/{type}/{name}")
  ServiceView get(@PathVariable String type, @PathVariable String name) {
    ServiceType t = type(type);
    return ServiceView.of(
        services.find(t, name).orElseThrow(() -> new HostedServices.ServiceNotFound(t, name)));
  }

  @DeleteMapping("/{type}/{name}")
  ResponseEntity<Void> delete(
      Actor operator, @PathVariable String type, @PathVariable String name) {
    changes.delete(operator, type(type), name);
    return ResponseEntity.noContent().build();
  }

  private static ServiceType type(String type) {
    return ServiceType.parse(type == null ? "" : type)
        .orElseThrow(() -> ApiErrors.unknown("api.error.serviceType", type, ServiceType.names()));
  }

  private static Instant expiration(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidOperatorRequest("operator.invalid.expiration");
    }
  }
}
