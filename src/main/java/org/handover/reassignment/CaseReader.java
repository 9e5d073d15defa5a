package org.handover.reassignment;

import java.util.Collection;
import java.util.List;
import org.handover.catalog.HostedService;
import org.handover.system.Nic;

/**
 * Who reads an email of a case and which of its services concern them: the new contact reads of
 * every service; a contact being replaced, of the services whose role they hand over; any other
 * contact, of the services they are a contact of. Never empty: a reader the services no longer name
 * reads of them all.
 *
 * @param name the bundles' reader ({@code newcomer}, {@code replaced}), null for another contact
 */
record CaseReader(String name, List<ReassignmentCase.Item> items) {

  static CaseReader of(ReassignmentCase c, Nic reader, Collection<HostedService> services) {
    if (reader.equals(c.newContact())) {
      return new CaseReader("newcomer", c.items());
    }
    List<ReassignmentCase.Item> replaced =
        c.items().stream().filter(i -> i.fromContact().equals(reader)).toList();
    if (!replaced.isEmpty()) {
      return new CaseReader("replaced", replaced);
    }
    List<ReassignmentCase.Item> theirs =
        c.items().stream().filter(i -> contactOf(i, reader, services)).toList();
    return new CaseReader(null, theirs.isEmpty() ? c.items() : theirs);
  }

  private static boolean contactOf(
      ReassignmentCase.Item item, Nic reader, Collection<HostedService> services) {
    return services.stream()
        .anyMatch(s -> s.id() == item.serviceId() && !s.contacts().rolesOf(reader).isEmpty());
  }
}
