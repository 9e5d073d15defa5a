package org.handover.change;

import java.util.List;
import java.util.Map;
import org.handover.catalog.HostedService;
import org.handover.contact.ContactRole;
import org.handover.contact.PlannedChange;
import org.handover.system.HandoverException;

/**
 * What an edit of one service's contacts would ask, as its confirmation page shows it: each role
 * the rules refuse, with why; or, when none is refused, the items to create ({@code plans}) for the
 * roles that change ({@code changes}: a role asked for its current holder is no change).
 */
public record EditPreview(
    HostedService service,
    WantedContacts changes,
    Map<ContactRole, HandoverException> refused,
    List<PlannedChange> plans) {

  /** Whether the edit asks for nothing but the current contacts. */
  public boolean nothingChanged() {
    return refused.isEmpty() && changes.isEmpty();
  }
}
