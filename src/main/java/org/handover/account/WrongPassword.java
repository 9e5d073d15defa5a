package org.handover.account;

import org.handover.system.HandoverException;

/** The current password given is not right. */
public final class WrongPassword extends HandoverException {
  WrongPassword() {
    super(Kind.BAD_REQUEST, "account.password.wrong");
  }
}
