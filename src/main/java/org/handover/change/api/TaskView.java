package org.handover.change.api;

import java.util.List;
import java.util.Locale;
import org.handover.apiauth.ApiResponses;
import org.handover.change.ChangeItem;
import org.handover.change.ChangeSet;
import org.handover.contact.ContactRole;
import tools.jackson.core.JsonGenerator;

/**
 * A task as the customer API shows it ({@code /me/task/contactChange/{id}}): one item of a change
 * set with the set's state and dates, the reference API's fields, then Handover's extras (expiry,
 * reason, parties, the set's id). Dates by {@link ApiResponses#datetime}, the reason in English.
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
    List<Party> parties,
    long changeSetId) {

  /** A party and where its answer stands. */
  record Party(String account, String status) {}

  static TaskView of(ChangeSet set, ChangeItem item) {
    return new TaskView(
        item.taskId(),
        set.asker().value(),
        item.sortedRoles().stream().map(ContactRole::apiName).toList(),
        ApiResponses.datetime(set.doneAt()),
        ApiResponses.datetime(set.requestedAt()),
        item.from().value(),
        item.to().value(),
        item.serviceName(),
        set.state().name(),
        ApiResponses.datetime(set.expiresAt()),
        set.reason() == null ? null : set.reason().message(Locale.ENGLISH),
        set.parties().stream().map(p -> new Party(p.nic().value(), p.status().name())).toList(),
        set.id());
  }

  /**
   * This task as Jackson's data binding writes it for {@link TasksApi}, with the streaming
   * generator: the same names, order, nulls and escapes, byte for byte ({@code LeanReadsTest}).
   */
  void write(JsonGenerator out) {
    out.writeStartObject();
    out.writeNumberProperty("id", id);
    out.writeStringProperty("askingAccount", askingAccount);
    out.writeName("contactTypes");
    out.writeStartArray();
    for (String type : contactTypes) {
      out.writeString(type);
    }
    out.writeEndArray();
    out.writeStringProperty("dateDone", dateDone);
    out.writeStringProperty("dateRequest", dateRequest);
    out.writeStringProperty("fromAccount", fromAccount);
    out.writeStringProperty("toAccount", toAccount);
    out.writeStringProperty("serviceDomain", serviceDomain);
    out.writeStringProperty("state", state);
    out.writeStringProperty("expiresAt", expiresAt);
    out.writeStringProperty("reason", reason);
    out.writeName("parties");
    out.writeStartArray();
    for (Party party : parties) {
      out.writeStartObject();
      out.writeStringProperty("account", party.account());
      out.writeStringProperty("status", party.status());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeNumberProperty("changeSetId", changeSetId);
    out.writeEndObject();
  }
}
