package org.handover.account;

import java.time.Clock;
import org.handover.audit.AuditLog;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.audit.SecurityReason;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.system.Actor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer's password: reset with an emailed code when forgotten, changed with the current one.
 * Either way the new one is hashed, the security log and a notice record it, and the account's
 * other sessions and API consumer keys end.
 *
 * <p>Errors: {@link WeakPassword}; {@link AccountCodes.InvalidCode} and the sender's throttle
 * (reset); {@link UnknownAccount}, {@link WrongPassword} (change).
 */
@Service
public class Credentials {

  private final Accounts accounts;
  private final AccountRepository repository;
  private final AccountCodes codes;
  private final CodeRedemption redemption;
  private final PasswordEncoder passwords;
  private final Outbox outbox;
  private final AuditLog audit;
  private final SecurityLog securityLog;
  private final AccountNotices notices;
  private final ApplicationEventPublisher events;
  private final StrangerCodes strangers;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final TaskExecutor background;

  Credentials(
      Accounts accounts,
      AccountRepository repository,
      AccountCodes codes,
      CodeRedemption redemption,
      PasswordEncoder passwords,
      Outbox outbox,
      AuditLog audit,
      SecurityLog securityLog,
      AccountNotices notices,
      ApplicationEventPublisher events,
      StrangerCodes strangers,
      Clock clock,
      TransactionTemplate tx,
      @Qualifier("applicationTaskExecutor") TaskExecutor background) {
    this.accounts = accounts;
    this.repository = repository;
    this.codes = codes;
    this.redemption = redemption;
    this.passwords = passwords;
    this.outbox = outbox;
    this.audit = audit;
    this.securityLog = securityLog;
    this.notices = notices;
    this.events = events;
    this.strangers = strangers;
    this.clock = clock;
    this.tx = tx;
    this.background = background;
  }

  /**
   * {@link #requestPasswordReset} off the request thread, so that neither the answer nor its timing
   * tells whether the login names an account.
   */
  public void requestPasswordResetLater(String login, Actor actor) {
    background.execute(() -> tx.executeWithoutResult(s -> requestPasswordReset(login, actor)));
  }

  /**
   * Emails a password-reset code when the login names an account; says nothing either way, so
   * nobody learns which logins exist.
   */
  @Transactional
  public void requestPasswordReset(String login, Actor actor) {
    accounts
        .findForSignIn(login)
        .filter(account -> outbox.accepts(MailKind.PASSWORD_RESET, account.recipient()))
        .ifPresent(
            account -> {
              notices.sendCode(
                  account,
                  MailKind.PASSWORD_RESET,
                  codes.issue(account.nic(), AccountCodes.Purpose.password, null, clock.instant()));
              audit.record(
                  actor, "account.passwordResetRequested", null, null, account.nic().value());
            });
  }

  /**
   * Sets a new password with an emailed code; a wrong code (or an unknown login) counts against the
   * sender's address, never against the account's code.
   */
  public void resetPassword(String login, String code, String newPassword, Actor actor) {
    AccountFields.requirePassword(newPassword);
    strangers.requireMayTry(actor);
    try {
      Account account = accounts.findForSignIn(login).orElseThrow(AccountCodes.InvalidCode::new);
      redemption.redeem(
          account,
          AccountCodes.Purpose.password,
          code,
          actor,
          used ->
              passwordChanged(
                  account,
                  passwords.encode(newPassword),
                  SecurityReason.resetLink,
                  SecurityReason.afterPasswordReset));
    } catch (AccountCodes.InvalidCode wrong) {
      strangers.failed(actor);
      throw wrong;
    }
  }

  /**
   * Changes the password of the signed-in customer, who gives the current one; ends the account's
   * other sessions and its API consumer keys.
   */
  @Transactional
  public void changePassword(Actor actor, String currentPassword, String newPassword) {
    AccountFields.requirePassword(newPassword);
    Account account = accounts.require(actor.nic());
    boolean right =
        repository
            .passwordHash(account.nic())
            .map(h -> passwords.matches(currentPassword == null ? "" : currentPassword, h))
            .orElse(false);
    if (!right) {
      throw new WrongPassword();
    }
    passwordChanged(
        account,
        passwords.encode(newPassword),
        SecurityReason.currentPassword,
        SecurityReason.afterPasswordChange);
    audit.record(actor, "account.passwordChanged", null, null, null);
  }

  /** The customer set a new password ({@code how}); their other sessions and keys end. */
  private void passwordChanged(
      Account account, String hash, SecurityReason how, SecurityReason lockdown) {
    repository.updatePassword(account.nic(), hash);
    securityLog.record(
        account.nic(), SecurityEvent.passwordChanged, SecurityLog.Details.because(how));
    notices.send(account.nic(), MailKind.SECURITY_PASSWORD_CHANGED, null);
    events.publishEvent(
        new AccountLockdown(account.nic(), lockdown, Actor.customer(account.nic(), null)));
  }
}
