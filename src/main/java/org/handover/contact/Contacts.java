package org.handover.contact;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.handover.system.Nic;

/** The three contacts of a service; none is ever null. */
public record Contacts(Nic admin, Nic tech, Nic billing) {

  public Contacts {
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(tech, "tech");
    Objects.requireNonNull(billing, "billing");
  }

  /** All three roles held by one account, as when a service is ordered. */
  public static Contacts allTo(Nic nic) {
    return new Contacts(nic, nic, nic);
  }

  public Nic holder(ContactRole role) {
    return switch (role) {
      case admin -> admin;
      case tech -> tech;
      case billing -> billing;
    };
  }

  /** The roles the account holds on this service (possibly none). */
  public Set<ContactRole> rolesOf(Nic nic) {
    EnumSet<ContactRole> roles = EnumSet.noneOf(ContactRole.class);
    for (ContactRole role : ContactRole.values()) {
      if (holder(role).equals(nic)) {
        roles.add(role);
      }
    }
    return roles;
  }

  /** These contacts with the given roles moved to another account. */
  public Contacts with(Set<ContactRole> roles, Nic to) {
    return new Contacts(
        roles.contains(ContactRole.admin) ? to : admin,
        roles.contains(ContactRole.tech) ? to : tech,
        roles.contains(ContactRole.billing) ? to : billing);
  }
}
