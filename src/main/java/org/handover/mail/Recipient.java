package org.handover.mail;

import org.handover.account.Account;
import org.handover.account.Language;
import org.handover.account.Nic;

/** Where an email goes and in which language it is written. */
public record Recipient(Nic nic, String email, Language language) {

  public static Recipient of(Account account) {
    return new Recipient(account.nic(), account.email(), account.language());
  }
}
