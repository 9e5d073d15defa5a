package org.handover.account;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.handover.audit.AuditLog;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.mail.Recipient;
import org.handover.system.Actor;
import org.handover.system.ConfirmationCode;
import org.handover.system.HandoverException;
import org.handover.system.HandoverProperties;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.handover.system.TextRules;
import org.handover.system.Throttle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Opens and maintains customer accounts. */
@Service
public class Accounts {

  /** The shape of an email address Handover accepts (after trimming and lowercasing). */
  private static final int MAX_NIC_ATTEMPTS = 20;

  private final AccountRepository repository;
  private final NicGenerator generator;
  private final PasswordEncoder passwords;
  private final Outbox outbox;
  private final AuditLog audit;
  private final Clock clock;
  private final HandoverProperties properties;
  private final AccountCodes codes;
  private final EmailConfirmations confirmations;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;
  private final AccountNotices notices;
  private final Throttle throttle;
  private final TaskExecutor background;
  private final StrangerCodes strangers;
  private final SecurityLog securityLog;

  Accounts(
      AccountRepository repository,
      NicGenerator generator,
      PasswordEncoder passwords,
      Outbox outbox,
      AuditLog audit,
      Clock clock,
      HandoverProperties properties,
      AccountCodes codes,
      EmailConfirmations confirmations,
      TransactionTemplate tx,
      ApplicationEventPublisher events,
      AccountNotices notices,
      Throttle throttle,
      @org.springframework.beans.factory.annotation.Qualifier("applicationTaskExecutor")
          TaskExecutor background,
      StrangerCodes strangers,
      SecurityLog securityLog) {
    this.securityLog = securityLog;
    this.repository = repository;
    this.generator = generator;
    this.passwords = passwords;
    this.outbox = outbox;
    this.audit = audit;
    this.clock = clock;
    this.properties = properties;
    this.codes = codes;
    this.confirmations = confirmations;
    this.tx = tx;
    this.events = events;
    this.notices = notices;
    this.throttle = throttle;
    this.background = background;
    this.strangers = strangers;
  }

  /**
   * Opens an account, generating a unique customer ID unless one is given, and queues the email
   * that tells the customer their ID. An address typed at sign-up (by a visitor) must then be
   * confirmed by the emailed link before the account can be named as a contact; one given by the
   * provider (operator, import, system) is taken as confirmed.
   */
  @Transactional
  public Account open(NewAccount request, Actor actor) {
    String email = validated(request);
    return open(
        request,
        email,
        request.rawPassword() == null ? null : passwords.encode(request.rawPassword()),
        actor);
  }

  /** Checks a new account's fields; returns its normalised email address. */
  private static String validated(NewAccount request) {
    if (request.rawPassword() != null) {
      requirePassword(request.rawPassword());
    }
    String email = normaliseEmail(request.email());
    requireText(request.firstName(), "firstName");
    requireText(request.lastName(), "lastName");
    requireOrganisation(request.organisation());
    return email;
  }

  /**
   * Self-service sign-up: opens the account, or, when the address already has one, emails its
   * holder instead. Both ways hash the password and write one account's emails, so that neither the
   * answer nor its timing tells whether the address was known; done in the request's transaction,
   * so that an acknowledged sign-up survives a crash.
   */
  @Transactional
  public void signUp(NewAccount request, Actor actor) {
    String email = validated(request);
    String hash = passwords.encode(request.rawPassword());
    var existing = repository.findByEmail(email);
    if (existing.isPresent()) {
      notices.send(existing.get().nic(), MailKind.SIGNUP_EXISTING, null);
      audit.record(actor, "account.signupExisting", null, null, existing.get().nic().value());
    } else {
      open(request, email, hash, actor);
    }
  }

  private Account open(NewAccount request, String email, String hash, Actor actor) {
    if (repository.findByEmail(email).isPresent()) {
      throw new EmailTaken(email);
    }
    Nic nic = request.nic() != null ? request.nic() : freeNic();
    if (request.nic() != null && repository.exists(nic)) {
      throw new NicTaken(nic);
    }
    boolean vouched = actor.kind() != Actor.Kind.customer;
    Account account =
        new Account(
            nic,
            email,
            vouched,
            request.firstName().strip(),
            request.lastName().strip(),
            blankToNull(request.organisation()),
            request.language() == null ? Language.en : request.language(),
            Account.State.active,
            0,
            "EUR",
            clock.instant());
    try {
      repository.insert(account, hash);
    } catch (DuplicateKeyException raced) {
      throw new EmailTaken(email);
    }
    outbox.enqueue(
        MailKind.ACCOUNT_CREATED, account.recipient(), AccountMail.created(account), null);
    if (!vouched) {
      sendConfirmation(account);
    }
    audit.record(actor, "account.created", null, null, nic.value());
    return account;
  }

  /**
   * Sends the signed-in customer a new link confirming their address (the earlier one, expired or
   * lost, stops working): asked by the owner only, a few times a quarter hour.
   */
  @Transactional
  public void resendConfirmation(Actor actor) {
    Account account = require(actor.nic());
    if (account.emailVerified()) {
      throw new AlreadyConfirmed();
    }
    String key = "confirmAgain:" + account.nic();
    if (throttle.isBlocked(key, properties.security().emailChangesPerAccount())) {
      throw new TooManyMails();
    }
    throttle.record(key);
    sendConfirmation(account);
    audit.record(actor, "account.confirmationResent", null, null, null);
  }

  private void sendConfirmation(Account account) {
    ConfirmationCode code = confirmations.issue(account.nic(), clock.instant());
    outbox.enqueue(
        MailKind.EMAIL_CONFIRM,
        account.recipient(),
        AccountMail.withCode(account, code.text()),
        null);
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

  public Optional<Account> find(Nic nic) {
    return repository.find(nic);
  }

  /** The account, or {@link UnknownAccount}. */
  public Account require(Nic nic) {
    return repository.find(nic).orElseThrow(() -> new UnknownAccount(nic));
  }

  /** The accounts that exist among the given IDs, by ID. */
  public Map<Nic, Account> findAll(Collection<Nic> nics) {
    return repository.findAll(nics).stream()
        .collect(Collectors.toMap(Account::nic, Function.identity()));
  }

  /**
   * Writes accounts in bulk, in the caller's transaction (the import): no password, no email sent,
   * one audit row for the whole import, written by the caller.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void importAll(List<Account> imported) {
    repository.insertAll(imported);
  }

  /** The customer ID owning each of these email addresses that is taken. */
  public Map<String, Nic> emailOwners(Collection<String> emails) {
    return repository.emailOwners(emails);
  }

  /** Refreshes the database's statistics of the accounts table after a large import. */
  public void refreshStatistics() {
    repository.refreshStatistics();
  }

  /** Finds an account by customer ID or by email, for signing in. */
  public Optional<Account> findForSignIn(String login) {
    if (login == null || login.isBlank() || !TextRules.isSingleLine(login, TextRules.EMAIL)) {
      return Optional.empty();
    }
    if (Nic.isValid(login)) {
      return repository.find(Nic.parse(login));
    }
    return repository.findByEmail(login.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * Accounts for the staff console's search: customer ID (or its digits), email, first, last or
   * full name or organisation starting with {@code prefix}, whatever its case; at most {@code
   * limit} (1–100).
   */
  public List<Account> search(String prefix, int limit) {
    if (prefix == null || prefix.isBlank() || !TextRules.isSingleLine(prefix, 100)) {
      return List.of();
    }
    return repository.search(prefix.strip(), Math.max(1, Math.min(limit, 100)));
  }

  /** The password hash of an account, when it has one. */
  public Optional<String> passwordHash(Nic nic) {
    return repository.passwordHash(nic);
  }

  public long count() {
    return repository.count();
  }

  /** Sets the overdue amount the account owes (0 = good standing). */
  @Transactional
  public void setDebt(Nic nic, long cents, String currency, Actor actor) {
    if (cents < 0) {
      throw new InvalidField("amountCents");
    }
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw new InvalidField("currency");
    }
    if (repository.updateDebt(nic, cents, currency) == 0) {
      throw new UnknownAccount(nic);
    }
    audit.record(actor, "account.debt", null, null, nic + " " + cents + " " + currency);
  }

  @Transactional
  public void setState(Nic nic, Account.State state, Actor actor) {
    if (repository.updateState(nic, state) == 0) {
      throw new UnknownAccount(nic);
    }
    audit.record(actor, "account." + state.name(), null, null, nic.value());
    if (state == Account.State.suspended) {
      events.publishEvent(new AccountLockdown(nic, "suspended"));
    }
  }

  /**
   * Ends every web session of the account (except the one acting, if any) and every API consumer
   * key: "sign out everywhere", or an operator's revocation.
   */
  @Transactional
  public void endSessions(Nic nic, Actor actor) {
    require(nic);
    audit.record(actor, "account.sessionsRevoked", null, null, nic.value());
    events.publishEvent(new AccountLockdown(nic, "sessionsRevoked"));
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
    findForSignIn(login)
        .filter(account -> outbox.accepts(MailKind.PASSWORD_RESET, account.recipient()))
        .ifPresent(
            account -> {
              var code =
                  codes.issue(account.nic(), AccountCodes.Purpose.password, null, clock.instant());
              outbox.enqueue(
                  MailKind.PASSWORD_RESET,
                  account.recipient(),
                  AccountMail.withCode(account, code.text()),
                  null);
              audit.record(
                  actor, "account.passwordResetRequested", null, null, account.nic().value());
            });
  }

  /**
   * Sets a new password with an emailed code; a wrong code (or an unknown login) counts against the
   * sender's address, never against the account's code.
   */
  public void resetPassword(String login, String code, String newPassword, Actor actor) {
    requirePassword(newPassword);
    strangers.requireMayTry(actor);
    try {
      Account account = findForSignIn(login).orElseThrow(AccountCodes.InvalidCode::new);
      withCode(
          account,
          AccountCodes.Purpose.password,
          code,
          actor,
          used -> passwordChanged(account, passwords.encode(newPassword), "passwordReset"));
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
    requirePassword(newPassword);
    Account account = require(actor.nic());
    boolean right =
        repository
            .passwordHash(account.nic())
            .map(h -> passwords.matches(currentPassword == null ? "" : currentPassword, h))
            .orElse(false);
    if (!right) {
      throw new WrongPassword();
    }
    passwordChanged(account, passwords.encode(newPassword), "passwordChanged");
    audit.record(actor, "account.passwordChanged", null, null, null);
  }

  private void passwordChanged(Account account, String hash, String reason) {
    repository.updatePassword(account.nic(), hash);
    securityLog.record(
        account.nic(), SecurityEvent.passwordChanged, SecurityLog.Details.detail(reason));
    notices.send(account.nic(), MailKind.SECURITY_PASSWORD_CHANGED, null);
    events.publishEvent(new AccountLockdown(account.nic(), reason));
  }

  /** Sends a code to the new address and a notice to the current one. */
  @Transactional
  public void requestEmailChange(Actor actor, String newEmail) {
    Account account = require(actor.nic());
    String email = normaliseEmail(newEmail);
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
    Account account = require(actor.nic());
    withCode(
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

  /** An operator's correction of an account: any field left null keeps its value. */
  @Transactional
  public Account amend(
      Nic nic,
      String email,
      String firstName,
      String lastName,
      String organisation,
      Language language,
      Actor actor) {
    Account a = require(nic);
    if (email != null) {
      String e = normaliseEmail(email);
      if (!e.equals(a.email())) {
        if (repository.findByEmail(e).isPresent()) {
          throw new EmailTaken(e);
        }
        repository.updateEmail(nic, e);
        securityLog.record(nic, SecurityEvent.emailChanged, SecurityLog.Details.by(actor.id()));
      }
    }
    String first = firstName == null ? a.firstName() : firstName;
    String last = lastName == null ? a.lastName() : lastName;
    requireText(first, "firstName");
    requireText(last, "lastName");
    requireOrganisation(organisation);
    repository.updateProfile(
        nic,
        first.strip(),
        last.strip(),
        organisation == null ? a.organisation() : blankToNull(organisation),
        language == null ? a.language() : language);
    audit.record(actor, "account.amended", null, null, nic.value());
    return require(nic);
  }

  /** Changes names, organisation and language. */
  @Transactional
  public Account updateProfile(
      Actor actor, String firstName, String lastName, String organisation, Language language) {
    requireText(firstName, "firstName");
    requireText(lastName, "lastName");
    requireOrganisation(organisation);
    repository.updateProfile(
        actor.nic(),
        firstName.strip(),
        lastName.strip(),
        blankToNull(organisation),
        language == null ? Language.en : language);
    audit.record(actor, "account.profileUpdated", null, null, null);
    return require(actor.nic());
  }

  /**
   * Consumes a code and runs the change in one transaction; a wrong code's failure count is
   * committed before the refusal is thrown.
   */
  private void withCode(
      Account account,
      AccountCodes.Purpose purpose,
      String code,
      Actor actor,
      Consumer<AccountCodes.Issued> change) {
    HandoverException refusal =
        tx.execute(
            s -> {
              try {
                change.accept(codes.consume(account.nic(), purpose, code, clock.instant()));
                audit.record(actor, "account." + purpose + "Changed", null, null, null);
                return null;
              } catch (AccountCodes.InvalidCode wrong) {
                audit.record(actor, "account.codeRejected", null, null, purpose.name());
                return wrong;
              }
            });
    if (refusal != null) {
      throw refusal;
    }
  }

  private static void requirePassword(String password) {
    if (password == null || password.length() < 10 || password.length() > 128) {
      throw new WeakPassword();
    }
  }

  private Nic freeNic() {
    for (int i = 0; i < MAX_NIC_ATTEMPTS; i++) {
      Nic candidate = generator.next(properties.account().nicSuffix());
      if (!repository.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free customer ID after " + MAX_NIC_ATTEMPTS + " draws");
  }

  static String normaliseEmail(String email) {
    String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    if (!TextRules.isEmail(e)) {
      throw new InvalidField("email");
    }
    return e;
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank() || !TextRules.isSingleLine(value, TextRules.PERSON_NAME)) {
      throw new InvalidField(field);
    }
  }

  private static void requireOrganisation(String value) {
    if (value != null && !TextRules.isSingleLine(value, TextRules.ORGANISATION)) {
      throw new InvalidField("organisation");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** The password is too short or too long. */
  public static final class WeakPassword extends HandoverException {
    WeakPassword() {
      super(Kind.BAD_REQUEST, "account.password.weak");
    }
  }

  /** The address is confirmed already: there is nothing to send. */
  public static final class AlreadyConfirmed extends HandoverException {
    AlreadyConfirmed() {
      super(Kind.CONFLICT, "profile.confirm.already");
    }
  }

  /** The current password given is not right. */
  public static final class WrongPassword extends HandoverException {
    WrongPassword() {
      super(Kind.BAD_REQUEST, "account.password.wrong");
    }
  }

  /** Too many emails asked for in a short time. */
  public static final class TooManyMails extends HandoverException {
    TooManyMails() {
      super(Kind.TOO_MANY_REQUESTS, "error.throttled");
    }
  }

  /** No account has this customer ID. */
  public static final class UnknownAccount extends HandoverException {
    public UnknownAccount(Nic nic) {
      super(Kind.NOT_FOUND, "account.unknown", nic.value());
    }
  }

  /** Another account already uses this email address. */
  public static final class EmailTaken extends HandoverException {
    EmailTaken(String email) {
      super(Kind.CONFLICT, "account.email.taken", email);
    }
  }

  /** The customer ID is already taken. */
  public static final class NicTaken extends HandoverException {
    NicTaken(Nic nic) {
      super(Kind.CONFLICT, "account.nic.taken", nic.value());
    }
  }

  /** A field of an account request is missing or malformed. */
  public static final class InvalidField extends HandoverException {
    InvalidField(String field) {
      super(Kind.BAD_REQUEST, "account.field.invalid", field);
    }
  }
}
