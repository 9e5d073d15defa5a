package org.handover.change.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.apiauth.ApiCaller;
import org.handover.apiauth.ApiErrors;
import org.handover.apiauth.ApiResponses;
import org.handover.apiauth.OvhApi;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceType;
import org.handover.change.ContactChange;
import org.handover.change.ContactChanges;
import org.handover.contact.ContactRole;
import org.handover.system.Nic;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service routes of every category ({@code /domain}, {@code /hosting/web}, …): list, {@code
 * serviceInfos} and {@code changeContact}.
 */
@OvhApi
@RestController
@RequestMapping({"/1.0", "/v1"})
class ServicesApi {

  private final HostedServices services;
  private final ContactChanges changes;

  ServicesApi(HostedServices services, ContactChanges changes) {
    this.services = services;
    this.changes = changes;
  }

  @GetMapping({
    "/domain", "/hosting/web", "/vps",
    "/dedicated/server", "/email/domain", "/domain/zone",
    "/hosting/privateDatabase", "/cloud/project"
  })
  List<String> list(ApiCaller caller, HttpServletRequest request) {
    return services.namesFor(caller.nic(), type(prefixOf(request, 0)));
  }

  @GetMapping({
    "/domain/{name}/serviceInfos",
    "/hosting/web/{name}/serviceInfos",
    "/vps/{name}/serviceInfos",
    "/dedicated/server/{name}/serviceInfos",
    "/email/domain/{name}/serviceInfos",
    "/domain/zone/{name}/serviceInfos",
    "/hosting/privateDatabase/{name}/serviceInfos",
    "/cloud/project/{name}/serviceInfos"
  })
  Map<String, Object> serviceInfos(
      ApiCaller caller, @PathVariable String name, HttpServletRequest request) {
    HostedService s = services.requireVisibleTo(caller.nic(), type(prefixOf(request, 2)), name);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("serviceId", s.id());
    info.put("domain", s.name());
    info.put("contactAdmin", s.contacts().admin().value());
    info.put("contactTech", s.contacts().tech().value());
    info.put("contactBilling", s.contacts().billing().value());
    info.put("creation", ApiResponses.date(s.createdAt()));
    info.put("expiration", ApiResponses.date(s.expiresAt()));
    info.put("status", s.status().name());
    info.put("renewalType", "manual");
    return info;
  }

  @PostMapping({
    "/domain/{name}/changeContact",
    "/hosting/web/{name}/changeContact",
    "/vps/{name}/changeContact",
    "/dedicated/server/{name}/changeContact",
    "/email/domain/{name}/changeContact",
    "/domain/zone/{name}/changeContact",
    "/hosting/privateDatabase/{name}/changeContact",
    "/cloud/project/{name}/changeContact"
  })
  List<Long> changeContact(
      ApiCaller caller,
      @PathVariable String name,
      @RequestBody Map<String, Object> body,
      HttpServletRequest request) {
    Map<ContactRole, Nic> wanted = new EnumMap<>(ContactRole.class);
    for (var entry : body.entrySet()) {
      ContactRole role =
          ContactRole.fromApiName(entry.getKey())
              .orElseThrow(
                  () ->
                      new ApiErrors.BadRequest(
                          "Unknown field "
                              + entry.getKey()
                              + ": expected contactAdmin, contactTech or contactBilling"));
      if (entry.getValue() == null) {
        continue;
      }
      if (!(entry.getValue() instanceof String nic)) {
        throw new ApiErrors.BadRequest(entry.getKey() + " must be a customer ID string");
      }
      wanted.put(role, Nic.parse(nic));
    }
    ServiceType type = type(prefixOf(request, 2));
    return changes.request(caller.actor(), type, name, wanted).stream()
        .map(ContactChange::id)
        .toList();
  }

  /** The route prefix of the call, dropping the API root and the last {@code drop} segments. */
  private static String prefixOf(HttpServletRequest request, int drop) {
    String[] parts =
        request.getRequestURI().substring(request.getContextPath().length()).split("/");
    // parts[0] is empty, parts[1] the API root
    return String.join("/", Arrays.copyOfRange(parts, 2, parts.length - drop));
  }

  private static ServiceType type(String prefix) {
    return ServiceType.fromApiPrefix(prefix)
        .orElseThrow(() -> new ApiErrors.BadRequest("Unknown service route " + prefix));
  }
}
