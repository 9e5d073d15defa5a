package org.handover.staff;

import java.util.List;
import org.handover.audit.AuditLog;
import org.handover.security.WebSessions;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/**
 * A customer account's panel sessions as staff see them in the console, and ending one: the session
 * is deleted from the session store (its cookie stops working at once) and the audit log names the
 * staff member.
 */
@Component
public class AccountSessions {

  private final WebSessions sessions;
  private final AuditLog audit;

  AccountSessions(WebSessions sessions, AuditLog audit) {
    this.sessions = sessions;
    this.audit = audit;
  }

  /** The account's sessions, most recently used first. */
  public List<WebSessions.View> list(Nic nic) {
    return sessions.list(nic, null);
  }

  /**
   * Ends one session of the account, named by its handle; {@link WebSessions.NoSuchSession}
   * otherwise.
   */
  public void end(Actor staff, Nic nic, String handle) {
    // the customer's log names the staff member as people read it (the identity is in the audit)
    sessions.end(nic, handle, staff);
    audit.record(
        staff, "staff.session.ended", null, null, "account=" + nic.value() + " session=" + handle);
  }
}
