package org.handover.change.api;

import java.util.List;
import java.util.Locale;
import org.handover.apiauth.ApiResponses;
import org.handover.change.ContactChange;
import org.handover.contact.ContactRole;

/**
 * A request as the customer API shows it ({@code /me/task/contactChange/{id}}): the reference API's
 * fields, then Handover's extras (expiry, reason, parties). Dates by {@link ApiResponses#datetime},
 * the reason in English.
 */
record TaskView(
    long id,
    String askingAccount,
    List<String> contactTypes,
    String dateDone,
    String dateRequest,
    String fromAccount,
    String toAccount,
    String serviceDomain,
    String state,
    String expiresAt,
    String reason,
    List<Party> parties) {

  /** A party and where its answer stands. */
  record Party(String account, String status) {}

  static TaskView of(ContactChange c) {
    return new TaskView(
        c.id(),
        c.asker().value(),
        c.roles().stream().sorted().map(ContactRole::apiName).toList(),
        ApiResponses.datetime(c.doneAt()),
        ApiResponses.datetime(c.requestedAt()),
        c.from().value(),
        c.to().value(),
        c.serviceName(),
        c.state().name(),
        ApiResponses.datetime(c.expiresAt()),
        c.reason() == null ? null : c.reason().message(Locale.ENGLISH),
        c.parties().stream().map(p -> new Party(p.nic().value(), p.status().name())).toList());
  }
}
