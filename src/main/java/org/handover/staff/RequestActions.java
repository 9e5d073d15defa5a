package org.handover.staff;

import org.handover.audit.AuditLog;
import org.handover.change.AbortChange;
import org.handover.change.ChangeSet;
import org.handover.change.ResendCode;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/**
 * What staff do to a change set (a request), each through its use case ({@link AbortChange}, {@link
 * ResendCode}) (kept in this one class so that the calls are easy to re-point when requests change
 * shape).
 */
@Component
public class RequestActions {

  private final AbortChange aborts;
  private final ResendCode resends;
  private final AuditLog audit;

  RequestActions(AbortChange aborts, ResendCode resends, AuditLog audit) {
    this.aborts = aborts;
    this.resends = resends;
    this.audit = audit;
  }

  /** Ends an open request; the audit log names the staff member. */
  public ChangeSet abort(Actor staff, long id, String reason) {
    return aborts.abort(staff, id, reason);
  }

  /**
   * Sends a party a new code on their behalf (their old code stops working; the party's resend
   * limits apply). The request's own trail records the resend for the party; this adds who asked,
   * after the resend committed (no outer transaction: the request service decides its own).
   */
  public void resend(Actor staff, long id, Nic party) {
    resends.resend(Actor.customer(party, staff.clientAddress()), id);
    audit.record(staff, "staff.code.resent", null, id, "party=" + party.value());
  }
}
