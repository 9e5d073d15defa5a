package org.handover.account;

import java.time.Instant;
import org.handover.mail.Recipient;
import org.handover.system.Language;
import org.handover.system.Nic;

/** A customer account. In good standing when nothing it owes is overdue. */
public record Account(
    Nic nic,
    String email,
    boolean emailVerified,
    String firstName,
    String lastName,
    String organisation,
    Language language,
    State state,
    long debtCents,
    String debtCurrency,
    Instant createdAt) {

  /** Account states. */
  public enum State {
    active,
    suspended
  }

  public boolean isActive() {
    return state == State.active;
  }

  /** Where this account's emails go, in its language. */
  public Recipient recipient() {
    return new Recipient(nic, email, language);
  }

  public boolean inGoodStanding() {
    return debtCents == 0;
  }

  public String displayName() {
    return (firstName + " " + lastName).strip();
  }
}
