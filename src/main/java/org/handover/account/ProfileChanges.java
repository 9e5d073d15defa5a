package org.handover.account;

import static org.handover.account.AccountFields.blankToNull;

import java.time.Clock;
import org.handover.audit.AuditLog;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.mail.Recipient;
import org.handover.system.Actor;
import org.handover.system.HandoverProperties;
import org.handover.system.Language;
import org.handover.system.Throttle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What signed-in customers change on their own profile: names, organisation and language at once;
 * the email address in two steps, a code sent to the new address (a notice to the current one) and
 * then typed back.
 *
 * <p>Errors: {@link InvalidField}, {@link UnknownAccount}, {@link EmailTaken}, {@link
 * TooManyMails}, {@link AccountCodes.InvalidCode}.
 */
@Service
public class ProfileChanges {

  private final Accounts accounts;
  private final AccountRepository repository;
  private final AccountCodes codes;
  private final CodeRedemption redemption;
  private final Outbox outbox;
  private final AuditLog audit;
  private final SecurityLog securityLog;
  private final AccountNotices notices;
  private final Throttle throttle;
  private final HandoverProperties properties;
  private final Clock clock;

  ProfileChanges(
      Accounts accounts,
      AccountRepository repository,
      AccountCodes codes,
      CodeRedemption redemption,
      Outbox outbox,
      AuditLog audit,
      SecurityLog securityLog,
      AccountNotices notices,
      Throttle throttle,
      HandoverProperties properties,
      Clock clock) {
    this.accounts = accounts;
    this.repository = repository;
    this.codes = codes;
    this.redemption = redemption;
    this.outbox = outbox;
    this.audit = audit;
    this.securityLog = securityLog;
    this.notices = notices;
    this.throttle = throttle;
    this.properties = properties;
    this.clock = clock;
  }

  /** Changes names, organisation and language. */
  @Transactional
  public Account updateProfile(
      Actor actor, String firstName, String lastName, String organisation, Language language) {
    AccountFields.requireName(firstName, "firstName");
    AccountFields.requireName(lastName, "lastName");
    AccountFields.requireOrganisation(organisation);
    repository.updateProfile(
        actor.nic(),
        firstName.strip(),
        lastName.strip(),
        blankToNull(organisation),
        language == null ? Language.en : language);
    audit.record(actor, "account.profileUpdated", null, null, null);
    return accounts.require(actor.nic());
  }

  /** Sends a code to the new address and a notice to the current one. */
  @Transactional
  public void requestEmailChange(Actor actor, String newEmail) {
    Account account = accounts.require(actor.nic());
    String email = AccountFields.normaliseEmail(newEmail);
    if (email.equals(account.email())) {
      throw new InvalidField("email");
    }
    if (repository.findByEmail(email).isPresent()) {
      throw new EmailTaken(email);
    }
    int limit = properties.security().emailChangesPerAccount();
    String perAccount = "emailChange:" + account.nic();
    String perAddress = "emailChangeTo:" + email;
    if (throttle.isBlocked(perAccount, limit) || throttle.isBlocked(perAddress, limit)) {
      throw new TooManyMails();
    }
    throttle.record(perAccount);
    throttle.record(perAddress);
    var code = codes.issue(account.nic(), AccountCodes.Purpose.email, email, clock.instant());
    outbox.enqueue(
        MailKind.EMAIL_CHANGE_CODE,
        new Recipient(account.nic(), email, account.language()),
        AccountMail.emailChange(account, email, code.text()),
        null);
    outbox.enqueue(
        MailKind.EMAIL_CHANGE_NOTICE,
        account.recipient(),
        AccountMail.emailChange(account, email, null),
        null);
    audit.record(actor, "account.emailChangeRequested", null, null, null);
  }

  /** Confirms the new address with the code sent to it. */
  public void confirmEmailChange(Actor actor, String code) {
    Account account = accounts.require(actor.nic());
    redemption.redeem(
        account,
        AccountCodes.Purpose.email,
        code,
        actor,
        used -> {
          if (repository.findByEmail(used.newEmail()).isPresent()) {
            throw new EmailTaken(used.newEmail());
          }
          repository.updateEmail(account.nic(), used.newEmail());
          securityLog.record(account.nic(), SecurityEvent.emailChanged, SecurityLog.Details.none());
          notices.send(
              account, account.recipient(), MailKind.SECURITY_EMAIL_CHANGED, used.newEmail());
        });
  }
}
