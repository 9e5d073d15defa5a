package org.handover.change;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.handover.contact.ContactRole;

/**
 * A request as events and webhooks carry it, in one place: the reference API's field names, dates
 * as ISO-8601 instants ({@link Instant#toString}), the reason in English; {@code party} only on
 * {@code contactChange.accepted}.
 */
public record EventData(
    long id,
    String serviceType,
    String serviceDomain,
    List<String> contactTypes,
    String fromAccount,
    String toAccount,
    String askingAccount,
    String state,
    String dateRequest,
    String dateDone,
    String expiresAt,
    String reason,
    @JsonInclude(JsonInclude.Include.NON_NULL) String party) {

  static EventData of(ContactChange c, String party) {
    return new EventData(
        c.id(),
        c.serviceType().name(),
        c.serviceName(),
        c.roles().stream().sorted().map(ContactRole::apiName).toList(),
        c.from().value(),
        c.to().value(),
        c.asker().value(),
        c.state().name(),
        c.requestedAt().toString(),
        c.doneAt() == null ? null : c.doneAt().toString(),
        c.expiresAt().toString(),
        c.reason() == null ? null : c.reason().message(Locale.ENGLISH),
        party);
  }
}
