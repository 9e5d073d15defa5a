package org.handover.contact;

import org.handover.account.Account;
import org.handover.account.Nic;

/** What the rules need to know about an account. */
public record AccountFacts(
    Nic nic, boolean active, boolean inGoodStanding, boolean emailConfirmed) {

  /** An account whose email address is confirmed. */
  public AccountFacts(Nic nic, boolean active, boolean inGoodStanding) {
    this(nic, active, inGoodStanding, true);
  }

  public static AccountFacts of(Account account) {
    return new AccountFacts(
        account.nic(), account.isActive(), account.inGoodStanding(), account.emailVerified());
  }
}
