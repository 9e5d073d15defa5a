package org.handover.account;

import org.handover.system.HandoverException;
import org.handover.system.Nic;

/** No account has this customer ID. */
public final class UnknownAccount extends HandoverException {
  public UnknownAccount(Nic nic) {
    super(Kind.NOT_FOUND, "account.unknown", nic.value());
  }
}
