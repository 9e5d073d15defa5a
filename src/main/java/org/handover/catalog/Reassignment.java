package org.handover.catalog;

import java.util.Set;
import org.handover.contact.ContactRole;
import org.handover.system.Nic;

/** Roles of one service moving from one account to another. */
public record Reassignment(long serviceId, Set<ContactRole> roles, Nic from, Nic to) {

  public Reassignment {
    roles = Set.copyOf(roles);
  }
}
