package org.handover.access;

import java.util.List;
import org.handover.catalog.ServiceType;
import org.handover.change.AdminHandoverEndings;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/** The policies an administrator's hand-over ends, for the review page of the change. */
@Component
class AccessHandoverEndings implements AdminHandoverEndings {

  private final AccessLifecycle lifecycle;

  AccessHandoverEndings(AccessLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public List<String> policiesEnding(ServiceType type, String name, Nic leavingAdmin) {
    return lifecycle.endingWhenAdminLeaves(new ResourceRef(type, name), leavingAdmin).stream()
        .map(
            p ->
                p.name()
                    + " ("
                    + String.join(", ", p.grantees().stream().map(Nic::value).toList())
                    + ")")
        .toList();
  }
}
