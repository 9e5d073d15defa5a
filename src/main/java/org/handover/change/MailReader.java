package org.handover.change;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handover.catalog.ServiceKey;
import org.handover.contact.ContactRole;
import org.handover.contact.Contacts;
import org.handover.system.Nic;

/**
 * One person reading an email about a change set: how they relate to it and the items that email
 * speaks of for them, so that it says only what is true for that person. The asker reads of every
 * item; a new contact or a contact being replaced of the items that move their roles; another
 * contact of a concerned service of the items of the services they hold a role on, with the roles
 * they keep.
 *
 * @param relation {@code asker}, {@code newcomer}, {@code replaced} or {@code contact}; null when
 *     none applies (the neutral wording)
 * @param items the items this reader is told about, never empty
 * @param ownRoles the roles a {@code contact} keeps on those services (empty otherwise)
 */
record MailReader(String relation, List<ChangeItem> items, List<ContactRole> ownRoles) {

  static MailReader of(ChangeSet set, Nic nic, Map<ServiceKey, Contacts> contacts) {
    if (set.asker().equals(nic)) {
      return new MailReader("asker", set.items(), List.of());
    }
    List<ChangeItem> moving =
        set.items().stream().filter(i -> i.to().equals(nic) || i.from().equals(nic)).toList();
    if (moving.stream().anyMatch(i -> i.to().equals(nic))) {
      return new MailReader("newcomer", moving, List.of());
    }
    if (!moving.isEmpty()) {
      return new MailReader("replaced", moving, List.of());
    }
    Set<ContactRole> kept = EnumSet.noneOf(ContactRole.class);
    List<ChangeItem> theirs =
        set.items().stream()
            .filter(
                i -> {
                  Contacts c = contacts.get(new ServiceKey(i.serviceType(), i.serviceName()));
                  Set<ContactRole> held = c == null ? Set.of() : c.rolesOf(nic);
                  kept.addAll(held);
                  return !held.isEmpty();
                })
            .toList();
    if (theirs.isEmpty()) {
      return new MailReader(null, set.items(), List.of());
    }
    return new MailReader("contact", theirs, List.copyOf(kept));
  }

  /** Whether telling this reader needs the services' current contacts. */
  static boolean needsContacts(ChangeSet set, Nic nic) {
    return !set.asker().equals(nic)
        && set.items().stream().noneMatch(i -> i.to().equals(nic) || i.from().equals(nic));
  }
}
