package org.handover.access;

import java.util.List;
import org.handover.catalog.ServiceType;
import org.handover.contact.Contacts;

/**
 * What one decision needs to know, read in one statement ({@code FactsRepository#facts}): the
 * service's contacts (null when there is no such service), the asking account's state (null when
 * there is no such account), whether the administrator's account is active, and the grants of the
 * asking account that reach the service.
 */
record AccessFacts(
    ServiceType type,
    Contacts contacts,
    IdentityState identity,
    boolean adminActive,
    List<Grant> grants) {

  /** The asking account's standing. */
  enum IdentityState {
    active,
    suspended
  }

  AccessFacts {
    grants = List.copyOf(grants);
  }
}
