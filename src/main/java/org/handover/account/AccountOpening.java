package org.handover.account;

import static org.handover.account.AccountFields.blankToNull;

import java.time.Clock;
import org.handover.audit.AuditLog;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.system.Actor;
import org.handover.system.HandoverProperties;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens customer accounts: a visitor's sign-up, or an account the provider opens (operator, import,
 * its identity provider, demo data). Validate the fields, hash the password, pick a free customer
 * ID, insert, queue the email giving the ID (and, for a visitor, the link confirming the address),
 * record.
 *
 * <p>Errors: {@link WeakPassword}, {@link InvalidField} (email, firstName, lastName, organisation),
 * {@link EmailTaken}, {@link NicTaken}.
 */
@Service
public class AccountOpening {

  private static final int MAX_NIC_ATTEMPTS = 20;

  private final AccountRepository repository;
  private final NicGenerator generator;
  private final PasswordEncoder passwords;
  private final Outbox outbox;
  private final AuditLog audit;
  private final Clock clock;
  private final HandoverProperties properties;
  private final AccountNotices notices;
  private final AddressConfirmation confirmation;

  AccountOpening(
      AccountRepository repository,
      NicGenerator generator,
      PasswordEncoder passwords,
      Outbox outbox,
      AuditLog audit,
      Clock clock,
      HandoverProperties properties,
      AccountNotices notices,
      AddressConfirmation confirmation) {
    this.repository = repository;
    this.generator = generator;
    this.passwords = passwords;
    this.outbox = outbox;
    this.audit = audit;
    this.clock = clock;
    this.properties = properties;
    this.notices = notices;
    this.confirmation = confirmation;
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
    String hash = request.rawPassword() == null ? null : passwords.encode(request.rawPassword());
    return open(request, email, hash, actor);
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

  /** Checks a new account's fields; returns its normalised email address. */
  private static String validated(NewAccount request) {
    if (request.rawPassword() != null) {
      AccountFields.requirePassword(request.rawPassword());
    }
    String email = AccountFields.normaliseEmail(request.email());
    AccountFields.requireName(request.firstName(), "firstName");
    AccountFields.requireName(request.lastName(), "lastName");
    AccountFields.requireOrganisation(request.organisation());
    return email;
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
      confirmation.send(account);
    }
    audit.record(actor, "account.created", null, null, nic.value());
    return account;
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
}
