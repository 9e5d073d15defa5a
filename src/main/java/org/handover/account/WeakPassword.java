package org.handover.account;

import org.handover.system.HandoverException;

/** The password is too short or too long. */
public final class WeakPassword extends HandoverException {
  WeakPassword() {
    super(Kind.BAD_REQUEST, "account.password.weak");
  }
}
