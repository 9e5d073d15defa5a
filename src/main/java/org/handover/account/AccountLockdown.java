package org.handover.account;

import org.handover.audit.SecurityLog;
import org.handover.audit.SecurityReason;
import org.handover.system.Actor;
import org.handover.system.Nic;

/**
 * Published when an account's web sessions (except the one acting, if any) and API consumer keys
 * must end at once: password changed or reset, account suspended, second factor removed, or "sign
 * out everywhere"; with the reason and who caused it, for the customer's security log.
 */
public record AccountLockdown(Nic nic, SecurityReason reason, Actor actor) {

  /** How the ending is recorded in the customer's security log: who, and why. */
  public SecurityLog.Details cause() {
    return SecurityLog.Details.by(actor).with(reason, null);
  }
}
