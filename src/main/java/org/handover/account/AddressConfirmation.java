package org.handover.account;

import java.time.Clock;
import org.handover.audit.AuditLog;
import org.handover.mail.MailKind;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.HandoverProperties;
import org.handover.system.Nic;
import org.handover.system.Throttle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Confirms the address a visitor typed at sign-up, with the code of the link emailed to it.
 *
 * <p>Errors: {@link UnknownAccount}, {@link AlreadyConfirmed}, {@link TooManyMails} (resending);
 * {@link AccountCodes.InvalidCode} and the sender's throttle (confirming).
 */
@Service
public class AddressConfirmation {

  private final AccountRepository repository;
  private final EmailConfirmations confirmations;
  private final AccountNotices notices;
  private final AuditLog audit;
  private final Clock clock;
  private final HandoverProperties properties;
  private final TransactionTemplate tx;
  private final Throttle throttle;
  private final StrangerCodes strangers;

  AddressConfirmation(
      AccountRepository repository,
      EmailConfirmations confirmations,
      AccountNotices notices,
      AuditLog audit,
      Clock clock,
      HandoverProperties properties,
      TransactionTemplate tx,
      Throttle throttle,
      StrangerCodes strangers) {
    this.repository = repository;
    this.confirmations = confirmations;
    this.notices = notices;
    this.audit = audit;
    this.clock = clock;
    this.properties = properties;
    this.tx = tx;
    this.throttle = throttle;
    this.strangers = strangers;
  }

  /**
   * Sends the signed-in customer a new link confirming their address (the earlier one, expired or
   * lost, stops working): asked by the owner only, a few times a quarter hour.
   */
  @Transactional
  public void resendConfirmation(Actor actor) {
    Account account =
        repository.find(actor.nic()).orElseThrow(() -> new UnknownAccount(actor.nic()));
    if (account.emailVerified()) {
      throw new AlreadyConfirmed();
    }
    String key = "confirmAgain:" + account.nic();
    if (throttle.isBlocked(key, properties.security().emailChangesPerAccount())) {
      throw new TooManyMails();
    }
    throttle.record(key);
    send(account);
    audit.record(actor, "account.confirmationResent", null, null, null);
  }

  /**
   * Confirms the account's email address with the code from the sign-up link; a wrong code counts
   * against the sender's address, never against the code.
   */
  public void confirmEmail(Nic nic, String code, Actor actor) {
    strangers.requireMayTry(actor);
    HandoverException refusal =
        tx.execute(
            s -> {
              try {
                confirmations.confirm(nic, code == null ? "" : code, clock.instant());
                repository.markEmailVerified(nic);
                audit.record(actor, "account.emailConfirmed", null, null, nic.value());
                return null;
              } catch (AccountCodes.InvalidCode wrong) {
                audit.record(actor, "account.codeRejected", null, null, "emailConfirm");
                return wrong;
              }
            });
    if (refusal != null) {
      strangers.failed(actor);
      throw refusal;
    }
  }

  /** Queues the link confirming the account's address (a new code voids the earlier one). */
  void send(Account account) {
    notices.sendCode(
        account, MailKind.EMAIL_CONFIRM, confirmations.issue(account.nic(), clock.instant()));
  }
}
