package org.handover.account;

import org.handover.system.HandoverException;

/** The address is confirmed already: there is nothing to send. */
public final class AlreadyConfirmed extends HandoverException {
  AlreadyConfirmed() {
    super(Kind.CONFLICT, "profile.confirm.already");
  }
}
