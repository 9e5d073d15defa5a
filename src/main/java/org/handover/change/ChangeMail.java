package org.handover.change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.contact.ContactRole;

/**
 * What an email about a change set says to one reader, as one typed record: the set's facts, the
 * first items that concern the reader and their count, how the reader relates to the set (see
 * {@link MailReader}), and the personal parts (recipient, code, who accepted). {@link #payload()}
 * is the outbox row's JSON, which {@code mail.MailTemplates} renders.
 */
record ChangeMail(
    long changeId,
    String serviceType,
    String serviceName,
    int serviceCount,
    int itemCount,
    List<String> roles,
    List<String> fromAccounts,
    List<String> toAccounts,
    String askingAccount,
    String state,
    String expiresAt,
    String doneAt,
    Reason reason,
    String reader,
    List<String> ownRoles,
    List<Line> items) {

  /** Items an email lists; the rest are counted. */
  static final int LISTED = 20;

  /** One listed item. */
  record Line(String serviceType, String serviceName, List<String> roles, String from, String to) {}

  /** What the set says to one reader: the items that concern them, and how they relate to it. */
  static ChangeMail of(ChangeSet set, MailReader reader) {
    List<ChangeItem> items = reader.items();
    ChangeItem first = items.get(0);
    boolean whole = items.size() == set.items().size();
    return new ChangeMail(
        set.id(),
        first.serviceType().name(),
        first.serviceName(),
        (int) items.stream().map(ChangeItem::serviceId).distinct().count(),
        whole ? set.itemCount() : items.size(),
        items.stream()
            .flatMap(i -> i.roles().stream())
            .distinct()
            .sorted()
            .map(ContactRole::name)
            .toList(),
        items.stream().map(i -> i.from().value()).distinct().toList(),
        items.stream().map(i -> i.to().value()).distinct().toList(),
        set.asker().value(),
        set.state().name(),
        set.expiresAt().toString(),
        set.doneAt() == null ? null : set.doneAt().toString(),
        set.reason(),
        reader.relation(),
        reader.ownRoles().stream().sorted().map(ContactRole::name).toList(),
        items.stream()
            .limit(LISTED)
            .map(
                i ->
                    new Line(
                        i.serviceType().name(),
                        i.serviceName(),
                        i.sortedRoles().stream().map(ContactRole::name).toList(),
                        i.from().value(),
                        i.to().value()))
            .toList());
  }

  /** The outbox payload, with the personal parts added. */
  Map<String, Object> payload(Personal personal) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("changeId", changeId);
    data.put("serviceType", serviceType);
    data.put("serviceName", serviceName);
    data.put("serviceCount", serviceCount);
    data.put("itemCount", itemCount);
    data.put("roles", roles);
    data.put("fromAccount", String.join(", ", fromAccounts));
    data.put("toAccount", String.join(", ", toAccounts));
    data.put("askingAccount", askingAccount);
    data.put("state", state);
    data.put("expiresAt", expiresAt);
    if (doneAt != null) {
      data.put("doneAt", doneAt);
    }
    if (reason != null) {
      data.put("reasonKey", reason.key());
      data.put("reasonArgs", List.copyOf(reason.args()));
      data.put("reason", personal.reason());
    }
    List<Map<String, Object>> lines = new ArrayList<>();
    for (Line line : items) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("serviceType", line.serviceType());
      l.put("serviceName", line.serviceName());
      l.put("roles", line.roles());
      l.put("from", line.from());
      l.put("to", line.to());
      lines.add(l);
    }
    data.put("items", lines);
    if (reader != null) {
      data.put("reader", reader);
      data.put("ownRoles", ownRoles);
    }
    data.put("recipientName", personal.recipientName());
    data.put("recipientIsParty", personal.isParty());
    if (personal.code() != null) {
      data.put("code", personal.code());
    }
    if (personal.acceptedBy() != null) {
      data.put("acceptedBy", personal.acceptedBy());
    }
    return data;
  }

  /** The parts of an email that depend on its recipient. */
  record Personal(
      String recipientName, boolean isParty, String reason, String code, String acceptedBy) {}
}
