package org.handover.account;

import java.time.Duration;
import java.time.Instant;
import org.handover.system.ConfirmationCode;
import org.handover.system.HandoverException;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/**
 * Single-use codes for password resets and email changes: one live code per account and purpose,
 * stored as a digest, valid for a short time, consumed by one conditional update. An email-change
 * code is typed by its signed-in owner only and is void after five wrong tries (the owner asks for
 * a new one); a password-reset code may be typed by anyone, so its wrong tries count against their
 * sender ({@link StrangerCodes}), never against the code.
 */
@Component
class AccountCodes {

  /** What a code is for. */
  enum Purpose {
    /** Typed by whoever asks for the reset, signed out. */
    password(false),
    /** Typed by the signed-in owner only. */
    email(true);

    private final boolean ownerOnly;

    Purpose(boolean ownerOnly) {
      this.ownerOnly = ownerOnly;
    }
  }

  static final Duration VALIDITY = Duration.ofMinutes(30);
  static final int MAX_FAILURES = 5;

  private final AccountCodeRepository repository;

  AccountCodes(AccountCodeRepository repository) {
    this.repository = repository;
  }

  /** A live code row. */
  record Issued(long id, String digest, String newEmail, Instant expiresAt, int failures) {}

  /**
   * Issues a new code. An owner-only code voids any earlier one; a password-reset code does not,
   * since anyone may ask for one: a stranger's request never voids the code the owner is using.
   */
  ConfirmationCode issue(Nic nic, Purpose purpose, String newEmail, Instant now) {
    if (purpose.ownerOnly) {
      repository.voidLive(nic, purpose, now);
    }
    ConfirmationCode code = ConfirmationCode.generate();
    repository.insert(nic, purpose, code.digest(), newEmail, now, now.plus(VALIDITY));
    return code;
  }

  /**
   * Checks the code the customer typed. A wrong code counts against the live code when only its
   * owner can type it (the caller commits that before reporting it); a right one is consumed.
   *
   * @return the consumed code row
   * @throws InvalidCode when there is no live code, it expired, it is void, or it does not match
   */
  Issued consume(Nic nic, Purpose purpose, String typed, Instant now) {
    if (!purpose.ownerOnly) {
      return consumeAny(nic, purpose, typed, now);
    }
    Issued live = repository.live(nic, purpose).orElseThrow(InvalidCode::new);
    if (!now.isBefore(live.expiresAt()) || (purpose.ownerOnly && live.failures() >= MAX_FAILURES)) {
      throw new InvalidCode();
    }
    if (!ConfirmationCode.matches(typed, live.digest())) {
      if (purpose.ownerOnly) {
        repository.countFailure(live.id());
      }
      throw new InvalidCode();
    }
    if (!repository.consume(live.id(), now)) {
      throw new InvalidCode();
    }
    return live;
  }

  /** Consumes whichever live code matches, and voids the others: a reset ends them all. */
  private Issued consumeAny(Nic nic, Purpose purpose, String typed, Instant now) {
    Issued match =
        repository.liveAll(nic, purpose).stream()
            .filter(c -> now.isBefore(c.expiresAt()) && ConfirmationCode.matches(typed, c.digest()))
            .findFirst()
            .orElseThrow(InvalidCode::new);
    if (!repository.consume(match.id(), now)) {
      throw new InvalidCode();
    }
    repository.voidLive(nic, purpose, now);
    return match;
  }

  /** The code is wrong, expired, used or void; deliberately says no more. */
  static final class InvalidCode extends HandoverException {
    InvalidCode() {
      super(Kind.BAD_REQUEST, "account.code.invalid");
    }
  }
}
