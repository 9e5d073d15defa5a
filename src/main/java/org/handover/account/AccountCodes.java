package org.handover.account;

import java.time.Duration;
import java.time.Instant;
import org.handover.system.ConfirmationCode;
import org.handover.system.HandoverException;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/**
 * Single-use codes for password resets and email changes: one live code per account and purpose,
 * stored as a digest, valid for a short time, void after five wrong tries, consumed by one
 * conditional update.
 */
@Component
class AccountCodes {

  /** What a code is for. */
  enum Purpose {
    password,
    email
  }

  static final Duration VALIDITY = Duration.ofMinutes(30);
  static final int MAX_FAILURES = 5;

  private final AccountCodeRepository repository;

  AccountCodes(AccountCodeRepository repository) {
    this.repository = repository;
  }

  /** A live code row. */
  record Issued(long id, String digest, String newEmail, Instant expiresAt, int failures) {}

  /** Issues a new code, voiding any earlier one for the same purpose. */
  ConfirmationCode issue(Nic nic, Purpose purpose, String newEmail, Instant now) {
    repository.voidLive(nic, purpose, now);
    ConfirmationCode code = ConfirmationCode.generate();
    repository.insert(nic, purpose, code.digest(), newEmail, now, now.plus(VALIDITY));
    return code;
  }

  /**
   * Checks the code the customer typed. A wrong code counts against the live code (the caller
   * commits that before reporting it); a right one is consumed.
   *
   * @return the consumed code row
   * @throws InvalidCode when there is no live code, it expired, it is void, or it does not match
   */
  Issued consume(Nic nic, Purpose purpose, String typed, Instant now) {
    Issued live = repository.live(nic, purpose).orElseThrow(InvalidCode::new);
    if (!now.isBefore(live.expiresAt()) || live.failures() >= MAX_FAILURES) {
      throw new InvalidCode();
    }
    if (!ConfirmationCode.matches(typed, live.digest())) {
      repository.countFailure(live.id());
      throw new InvalidCode();
    }
    if (!repository.consume(live.id(), now)) {
      throw new InvalidCode();
    }
    return live;
  }

  /** The code is wrong, expired, used or void; deliberately says no more. */
  static final class InvalidCode extends HandoverException {
    InvalidCode() {
      super(Kind.BAD_REQUEST, "account.code.invalid");
    }
  }
}
