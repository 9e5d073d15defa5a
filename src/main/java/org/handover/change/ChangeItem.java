package org.handover.change;

import java.util.List;
import java.util.Set;
import org.handover.catalog.ServiceType;
import org.handover.contact.ContactRole;
import org.handover.contact.PlannedChange;
import org.handover.system.Nic;

/**
 * One item of a change set: roles of one service moving from one account to another. Its id is the
 * reference API's task id ({@code /me/task/contactChange/{id}}).
 */
public record ChangeItem(
    long taskId,
    long serviceId,
    ServiceType serviceType,
    String serviceName,
    Set<ContactRole> roles,
    Nic from,
    Nic to) {

  public ChangeItem {
    roles = Set.copyOf(roles);
  }

  /** The planned change this item carries, for the final re-check. */
  public PlannedChange plan(Nic asker) {
    return new PlannedChange(from, to, roles, asker);
  }

  /** The roles in the order admin, tech, billing. */
  public List<ContactRole> sortedRoles() {
    return roles.stream().sorted().toList();
  }

  ChangeItem withTaskId(long id) {
    return new ChangeItem(id, serviceId, serviceType, serviceName, roles, from, to);
  }
}
