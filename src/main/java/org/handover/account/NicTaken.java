package org.handover.account;

import org.handover.system.HandoverException;
import org.handover.system.Nic;

/** The customer ID is already taken. */
public final class NicTaken extends HandoverException {
  NicTaken(Nic nic) {
    super(Kind.CONFLICT, "account.nic.taken", nic.value());
  }
}
