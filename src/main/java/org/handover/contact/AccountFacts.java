package org.handover.contact;

import org.handover.account.Account;
import org.handover.system.Nic;

/** What the rules need to know about an account. */
public record AccountFacts(Nic nic, boolean active, boolean inGoodStanding) {

  public static AccountFacts of(Account account) {
    return new AccountFacts(account.nic(), account.isActive(), account.inGoodStanding());
  }
}
