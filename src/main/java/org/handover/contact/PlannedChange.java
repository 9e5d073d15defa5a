package org.handover.contact;

import java.util.List;
import java.util.Set;
import org.handover.system.Nic;

/**
 * One request the rules allow: roles moving from one account to another, and the accounts that must
 * confirm it (the asker and the new contact, once each).
 */
public record PlannedChange(Nic from, Nic to, Set<ContactRole> roles, Nic asker) {

  public PlannedChange {
    roles = Set.copyOf(roles);
  }

  /** Parties whose confirmation is required: the asker, then the new contact if different. */
  public List<Nic> parties() {
    return asker.equals(to) ? List.of(asker) : List.of(asker, to);
  }

  /** The roles in the order admin, tech, billing. */
  public List<ContactRole> sortedRoles() {
    return roles.stream().sorted().toList();
  }

  /** Whether the replaced contact only needs to be informed. */
  public boolean fromIsInformedOnly() {
    return !parties().contains(from);
  }
}
