package org.handover.account;

import java.time.Clock;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.handover.audit.Actor;
import org.handover.audit.AuditLog;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.mail.Recipient;
import org.handover.system.HandoverException;
import org.handover.system.HandoverProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens and maintains customer accounts. */
@Service
public class Accounts {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
  private static final int MAX_NIC_ATTEMPTS = 20;

  private final AccountRepository repository;
  private final NicGenerator generator;
  private final PasswordEncoder passwords;
  private final Outbox outbox;
  private final AuditLog audit;
  private final Clock clock;
  private final HandoverProperties properties;

  Accounts(
      AccountRepository repository,
      NicGenerator generator,
      PasswordEncoder passwords,
      Outbox outbox,
      AuditLog audit,
      Clock clock,
      HandoverProperties properties) {
    this.repository = repository;
    this.generator = generator;
    this.passwords = passwords;
    this.outbox = outbox;
    this.audit = audit;
    this.clock = clock;
    this.properties = properties;
  }

  /**
   * Opens an account, generating a unique customer ID unless one is given, and queues the email
   * that tells the customer their ID.
   */
  @Transactional
  public Account open(NewAccount request, Actor actor) {
    String email = normaliseEmail(request.email());
    requireText(request.firstName(), "firstName");
    requireText(request.lastName(), "lastName");
    if (repository.findByEmail(email).isPresent()) {
      throw new EmailTaken(email);
    }
    Nic nic = request.nic() != null ? request.nic() : freeNic();
    if (request.nic() != null && repository.exists(nic)) {
      throw new NicTaken(nic);
    }
    Account account =
        new Account(
            nic,
            email,
            false,
            request.firstName().strip(),
            request.lastName().strip(),
            blankToNull(request.organisation()),
            request.language() == null ? Language.en : request.language(),
            Account.State.active,
            0,
            "EUR",
            clock.instant());
    String hash = request.rawPassword() == null ? null : passwords.encode(request.rawPassword());
    try {
      repository.insert(account, hash);
    } catch (DuplicateKeyException raced) {
      throw new EmailTaken(email);
    }
    outbox.enqueue(
        MailKind.ACCOUNT_CREATED,
        Recipient.of(account),
        Map.of("nic", nic.value(), "firstName", account.firstName()),
        null);
    audit.record(actor, "account.created", null, null, nic.value());
    return account;
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

  /** Finds an account by customer ID or by email, for signing in. */
  public Optional<Account> findForSignIn(String login) {
    if (login == null || login.isBlank()) {
      return Optional.empty();
    }
    if (Nic.isValid(login)) {
      return repository.find(Nic.parse(login));
    }
    return repository.findByEmail(login.strip().toLowerCase(Locale.ROOT));
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
    if (e.length() > 320 || !EMAIL.matcher(e).matches()) {
      throw new InvalidField("email");
    }
    return e;
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank() || value.length() > 100) {
      throw new InvalidField(field);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
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
