package org.handover.account;

import org.handover.system.HandoverException;

/** Another account already uses this email address. */
public final class EmailTaken extends HandoverException {
  EmailTaken(String email) {
    super(Kind.CONFLICT, "account.email.taken", email);
  }
}
