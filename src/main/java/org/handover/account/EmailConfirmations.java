package org.handover.account;

import java.time.Duration;
import java.time.Instant;
import org.handover.system.ConfirmationCode;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/**
 * The link that confirms a new customer's email address: one live code per account, stored as a
 * digest, valid for a week, consumed by one conditional delete. Anyone may type at the link's page,
 * so a wrong code counts against its sender ({@link StrangerCodes}), never against the code.
 */
@Component
class EmailConfirmations {

  static final Duration VALIDITY = Duration.ofDays(7);

  private final EmailConfirmationRepository repository;

  EmailConfirmations(EmailConfirmationRepository repository) {
    this.repository = repository;
  }

  /** A new code for this account, replacing any earlier one. */
  ConfirmationCode issue(Nic nic, Instant now) {
    ConfirmationCode code = ConfirmationCode.generate();
    repository.replace(nic, code.digest(), now.plus(VALIDITY));
    return code;
  }

  /**
   * Consumes the code (the caller marks the address confirmed in the same transaction).
   *
   * @throws AccountCodes.InvalidCode when there is no live code, it expired, is void or differs
   */
  void confirm(Nic nic, String typed, Instant now) {
    EmailConfirmationRepository.Live live =
        repository.live(nic).orElseThrow(AccountCodes.InvalidCode::new);
    if (!now.isBefore(live.expiresAt()) || !ConfirmationCode.matches(typed, live.digest())) {
      throw new AccountCodes.InvalidCode();
    }
    if (!repository.consume(nic, live.digest())) {
      throw new AccountCodes.InvalidCode();
    }
  }
}
