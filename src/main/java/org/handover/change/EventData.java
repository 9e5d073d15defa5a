package org.handover.change;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import org.handover.contact.ContactRole;

/**
 * A change set as events and webhooks carry it, in one place: dates as ISO-8601 instants ({@link
 * java.time.Instant#toString}), the reason in English, the items with the reference API's task
 * field names (the first {@value #MAX_ITEMS}; {@code itemCount} says how many there are); {@code
 * party} only on {@code contactChange.accepted}.
 */
public record EventData(
    long id,
    String askingAccount,
    String state,
    String dateRequest,
    String dateDone,
    String expiresAt,
    String reason,
    int itemCount,
    List<Item> items,
    @JsonInclude(JsonInclude.Include.NON_NULL) String party) {

  static final int MAX_ITEMS = 100;

  /** One item: a task of the reference API. */
  public record Item(
      long id,
      String serviceType,
      String serviceDomain,
      List<String> contactTypes,
      String fromAccount,
      String toAccount) {}

  static EventData of(ChangeSet set, List<ChangeItem> items, String party) {
    return new EventData(
        set.id(),
        set.asker().value(),
        set.state().name(),
        set.requestedAt().toString(),
        set.doneAt() == null ? null : set.doneAt().toString(),
        set.expiresAt().toString(),
        set.reason() == null ? null : set.reason().message(Locale.ENGLISH),
        items.size(),
        items.stream()
            .limit(MAX_ITEMS)
            .map(
                i ->
                    new Item(
                        i.taskId(),
                        i.serviceType().name(),
                        i.serviceName(),
                        i.sortedRoles().stream().map(ContactRole::apiName).toList(),
                        i.from().value(),
                        i.to().value()))
            .toList(),
        party);
  }
}
