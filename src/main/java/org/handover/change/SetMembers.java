package org.handover.change;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.system.Nic;

/**
 * Everyone a change set concerns, each once, in a stable order, with whether they may cancel it:
 * they see the set and hear how it ends.
 */
record SetMembers(Map<Nic, Boolean> mayCancel) {

  SetMembers {
    mayCancel = Collections.unmodifiableMap(new LinkedHashMap<>(mayCancel));
  }

  /**
   * A new set's members: the asker (who may cancel), the parties, each item's old and new contact,
   * and every current contact of the services ({@code contacts}, administrators allowed to cancel).
   */
  static SetMembers of(
      Nic asker, Collection<Nic> parties, List<ChangeItem> items, Map<Nic, Boolean> contacts) {
    Map<Nic, Boolean> members = new LinkedHashMap<>();
    members.put(asker, true);
    parties.forEach(nic -> members.putIfAbsent(nic, false));
    for (ChangeItem item : items) {
      members.putIfAbsent(item.from(), false);
      members.putIfAbsent(item.to(), false);
    }
    contacts.forEach((nic, admin) -> members.merge(nic, admin, Boolean::logicalOr));
    return new SetMembers(members);
  }

  List<Nic> list() {
    return List.copyOf(mayCancel.keySet());
  }

  boolean involves(Nic nic) {
    return mayCancel.containsKey(nic);
  }

  boolean mayCancel(Nic nic) {
    return Boolean.TRUE.equals(mayCancel.get(nic));
  }
}
