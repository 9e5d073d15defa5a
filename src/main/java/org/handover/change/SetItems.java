package org.handover.change;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.handover.contact.ContactRole;
import org.handover.system.Nic;

/**
 * The items a change set holds — all of them, or only the first ones in a list ({@code count} says
 * how many there are in all) — and what they add up to.
 */
record SetItems(List<ChangeItem> held, int count) {

  SetItems {
    held = List.copyOf(held);
  }

  /** The people whose confirmation these items need, in a stable order: the asker first. */
  static Set<Nic> partiesOf(Nic asker, List<ChangeItem> items) {
    Set<Nic> parties = new LinkedHashSet<>();
    for (ChangeItem item : items) {
      parties.addAll(item.plan(asker).parties());
    }
    return parties;
  }

  Optional<ChangeItem> item(long taskId) {
    return held.stream().filter(i -> i.taskId() == taskId).findFirst();
  }

  /** Over all the items held, in the order admin, tech, billing. */
  List<ContactRole> roles() {
    Set<ContactRole> all = EnumSet.noneOf(ContactRole.class);
    held.forEach(i -> all.addAll(i.roles()));
    return List.copyOf(all);
  }

  List<String> serviceNames() {
    return held.stream().map(ChangeItem::serviceName).distinct().toList();
  }

  boolean complete() {
    return held.size() == count;
  }
}
