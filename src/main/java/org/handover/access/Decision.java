package org.handover.access;

import org.handover.contact.ContactRole;

/**
 * The answer to "may this account do this on that service?", with the reason: the role that implies
 * the action, the policy that grants it, or why nothing does.
 */
public record Decision(boolean allowed, ContactRole role, String policy, Denial denied) {

  /** Why an action is refused. */
  public enum Denial {
    /** The account does not exist. */
    unknownIdentity,
    /** The account is suspended: it is allowed nothing. */
    suspended,
    /** No such service. */
    unknownResource,
    /** The catalogue has no such action for this type of service. */
    unknownAction,
    /** A policy reaching the account denies the action. */
    deniedByPolicy,
    /** Neither a role nor a live policy grants it. */
    notGranted
  }

  static Decision byRole(ContactRole role) {
    return new Decision(true, role, null, null);
  }

  static Decision byPolicy(String id) {
    return new Decision(true, null, id, null);
  }

  static Decision refused(Denial why) {
    return new Decision(false, null, null, why);
  }

  static Decision deniedBy(String policyId) {
    return new Decision(false, null, policyId, Denial.deniedByPolicy);
  }
}
