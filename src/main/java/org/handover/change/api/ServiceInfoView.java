package org.handover.change.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.handover.apiauth.ApiResponses;
import org.handover.catalog.HostedService;
import tools.jackson.core.JsonGenerator;

/**
 * {@code GET /{prefix}/{name}/serviceInfos}, as the reference API shapes it (dates as days), with
 * every field its schema ({@code services.Service}) declares non-null. A service provisioned
 * without an expiry date gives the next anniversary of its creation (today or later) as {@code
 * expiration}: the reference never answers null there, and an annual term is what such a service
 * would have; Handover does not delete services at expiry, so {@code canDeleteAtExpiration} is
 * false.
 */
record ServiceInfoView(
    boolean canDeleteAtExpiration,
    long serviceId,
    String domain,
    String contactAdmin,
    String contactTech,
    String contactBilling,
    String creation,
    String expiration,
    String status,
    String renewalType) {

  /** The view of a service as of the clock's day (UTC). */
  static ServiceInfoView of(HostedService s, Clock clock) {
    return of(s, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
  }

  static ServiceInfoView of(HostedService s, LocalDate today) {
    return new ServiceInfoView(
        false,
        s.id(),
        s.name(),
        s.contacts().admin().value(),
        s.contacts().tech().value(),
        s.contacts().billing().value(),
        ApiResponses.date(s.createdAt()),
        s.expiresAt() == null
            ? nextAnniversary(s.createdAt(), today).toString()
            : ApiResponses.date(s.expiresAt()),
        s.status().name(),
        "manual");
  }

  /**
   * This view as Jackson's data binding writes it for {@link ServicesApi}, with the streaming
   * generator: the same names, order and escapes, byte for byte ({@code LeanReadsTest}).
   */
  void write(JsonGenerator out) {
    out.writeStartObject();
    out.writeBooleanProperty("canDeleteAtExpiration", canDeleteAtExpiration);
    out.writeNumberProperty("serviceId", serviceId);
    out.writeStringProperty("domain", domain);
    out.writeStringProperty("contactAdmin", contactAdmin);
    out.writeStringProperty("contactTech", contactTech);
    out.writeStringProperty("contactBilling", contactBilling);
    out.writeStringProperty("creation", creation);
    out.writeStringProperty("expiration", expiration);
    out.writeStringProperty("status", status);
    out.writeStringProperty("renewalType", renewalType);
    out.writeEndObject();
  }

  /** The first anniversary of {@code created} that is today or later. */
  static LocalDate nextAnniversary(Instant created, LocalDate today) {
    LocalDate day = created.atOffset(ZoneOffset.UTC).toLocalDate().plusYears(1);
    while (day.isBefore(today)) {
      day = day.plusYears(1);
    }
    return day;
  }
}
