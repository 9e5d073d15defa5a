package org.handover.access;

import java.time.Instant;
import java.util.Optional;
import org.handover.contact.ChangePolicy;
import org.handover.contact.ContactRole;
import org.handover.system.Nic;

/**
 * The one decision function: the customer API's check, the panel's Access view and the operator's
 * {@code authorize} all ask it. In order: an unknown or suspended account is allowed nothing; an
 * action outside the catalogue is refused; asking a contact change is the rules table's ({@link
 * ChangePolicy#ASK_CONTACT_CHANGE}: every contact of the service, nobody else, whatever the
 * policies say); a contact role implying the action's category allows it; then the policies that
 * reach the account and still count (not expired, owned by the service's current administrator,
 * whose account is active): a deny in any of them refuses, else an allow not taken back by its
 * except grants.
 */
final class AccessRules {

  private final ActionCatalogue catalogue;

  AccessRules(ActionCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  Decision decide(Nic identity, String action, AccessFacts facts, Instant now) {
    if (facts.identity() == null) {
      return Decision.refused(Decision.Denial.unknownIdentity);
    }
    if (facts.identity() == AccessFacts.IdentityState.suspended) {
      return Decision.refused(Decision.Denial.suspended);
    }
    if (facts.contacts() == null) {
      return Decision.refused(Decision.Denial.unknownResource);
    }
    Optional<AccessCategory> category = catalogue.category(facts.type(), action);
    if (category.isEmpty()) {
      return Decision.refused(Decision.Denial.unknownAction);
    }
    boolean asksContactChange = action.endsWith(":" + ChangePolicy.ASK_CONTACT_CHANGE);
    for (ContactRole role : facts.contacts().rolesOf(identity)) {
      if (asksContactChange || catalogue.implies(role, category.get())) {
        return Decision.byRole(role);
      }
    }
    if (asksContactChange) {
      return Decision.refused(Decision.Denial.notGranted);
    }
    if (!facts.adminActive()) {
      return Decision.refused(Decision.Denial.notGranted);
    }
    var counting =
        facts.grants().stream()
            .filter(g -> g.liveAt(now) && g.owner().equals(facts.contacts().admin()))
            .toList();
    for (Grant g : counting) {
      if (g.permissions().denies(action)) {
        return Decision.deniedBy(g.policyId());
      }
    }
    return counting.stream()
        .filter(g -> g.permissions().allows(action))
        .findFirst()
        .map(g -> Decision.byPolicy(g.policyId()))
        .orElse(Decision.refused(Decision.Denial.notGranted));
  }
}
