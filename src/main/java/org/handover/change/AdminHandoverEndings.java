package org.handover.change;

import java.util.List;
import org.handover.catalog.ServiceType;
import org.handover.system.Nic;

/**
 * What handing over a service's administrator role ends beyond the change itself: the
 * delegated-access policies the leaving administrator made for it, which the review page names. The
 * access feature, above this one, implements it and ends them when the change is applied.
 */
public interface AdminHandoverEndings {

  /** One line per policy that stops giving access to the service: its name and grantees. */
  List<String> policiesEnding(ServiceType type, String name, Nic leavingAdmin);
}
