package org.handover.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.handover.account.AccountLockdown;
import org.handover.account.AccountNotices;
import org.handover.apiauth.SecretBox;
import org.handover.audit.AuditLog;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.audit.SecurityReason;
import org.handover.mail.MailKind;
import org.handover.system.Actor;
import org.handover.system.Digests;
import org.handover.system.FieldTooLong;
import org.handover.system.HandoverException;
import org.handover.system.Nic;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Second factors of customer accounts: TOTP authenticators and single-use recovery codes (ten,
 * shown once, stored as digests). Each change sends a security notice to the account.
 */
@Service
public class SecondFactors {

  static final int RECOVERY_CODES = 10;
  private static final String CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

  /** How a second-factor check was passed. */
  public enum Method {
    totp,
    recovery,
    webauthn
  }

  /** An authenticator as its owner sees it (never its secret). */
  public record Factor(long id, String name, Instant createdAt, Instant lastUsedAt) {}

  private final SecondFactorRepository repository;
  private final PasskeyRepository passkeys;
  private final SecretBox box;
  private final AccountNotices notices;
  private final AuditLog audit;
  private final SecurityLog log;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final Totp totp = Totp.standard();
  private final SecureRandom random = new SecureRandom();

  SecondFactors(
      SecondFactorRepository repository,
      PasskeyRepository passkeys,
      SecretBox box,
      AccountNotices notices,
      AuditLog audit,
      SecurityLog log,
      ApplicationEventPublisher events,
      Clock clock) {
    this.log = log;
    this.repository = repository;
    this.passkeys = passkeys;
    this.box = box;
    this.notices = notices;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  /** Whether the account has a second factor (an authenticator app or a passkey). */
  public boolean enrolled(Nic nic) {
    return repository.any(nic) || passkeys.any(nic);
  }

  public List<Factor> list(Nic nic) {
    return repository.factors(nic).stream()
        .map(f -> new Factor(f.id(), f.name(), f.createdAt(), f.lastUsedAt()))
        .toList();
  }

  public long unusedRecoveryCodes(Nic nic) {
    return repository.unusedRecoveryCodes(nic);
  }

  /**
   * Adds an authenticator once the customer proves it works with a code from it. Returns new
   * recovery codes when the account had none (shown once), otherwise an empty list.
   */
  @Transactional
  public List<String> enrolTotp(Actor actor, String name, String secret, String code) {
    String n = name(name);
    Instant now = clock.instant();
    OptionalLong step = secret == null ? OptionalLong.empty() : totp.match(secret, code, now, 0);
    if (step.isEmpty()) {
      throw new WrongCode();
    }
    repository.insert(actor.nic(), n, box.seal(secret), step.getAsLong(), now);
    audit.record(actor, "security.factorAdded", null, null, n);
    log.record(
        actor.nic(),
        SecurityEvent.factorAdded,
        SecurityLog.Details.signIn(null, "totp").withDetail(n));
    notices.send(actor.nic(), MailKind.SECURITY_FACTOR_ADDED, n);
    return recoveryCodesIfNone(actor.nic());
  }

  /** New recovery codes when the account has no unused ones (its first factor), else none. */
  List<String> recoveryCodesIfNone(Nic nic) {
    return repository.unusedRecoveryCodes(nic) == 0
        ? newRecoveryCodes(nic, clock.instant())
        : List.of();
  }

  @Transactional
  public void rename(Actor actor, long id, String name) {
    if (repository.rename(actor.nic(), id, name(name)) == 0) {
      throw new NoSuchFactor();
    }
  }

  /**
   * Removes an authenticator; with the last one go the recovery codes. Ends the account's other
   * sessions and its consumer keys.
   */
  @Transactional
  public void remove(Actor actor, long id) {
    String name = repository.name(actor.nic(), id).orElseThrow(NoSuchFactor::new);
    repository.delete(actor.nic(), id);
    afterRemoval(actor, name);
  }

  /**
   * What follows the removal of any second factor: with the last one go the recovery codes; the
   * account is told; its other sessions and its consumer keys end.
   */
  void afterRemoval(Actor actor, String name) {
    if (!enrolled(actor.nic())) {
      repository.deleteRecoveryCodes(actor.nic());
    }
    audit.record(actor, "security.factorRemoved", null, null, name);
    log.record(actor.nic(), SecurityEvent.factorRemoved, SecurityLog.Details.detail(name));
    notices.send(actor.nic(), MailKind.SECURITY_FACTOR_REMOVED, name);
    events.publishEvent(new AccountLockdown(actor.nic(), SecurityReason.afterFactorRemoved, actor));
  }

  /** New recovery codes in place of the old ones (which stop working), shown once. */
  @Transactional
  public List<String> regenerateRecoveryCodes(Actor actor) {
    if (!enrolled(actor.nic())) {
      throw new NoSuchFactor();
    }
    audit.record(actor, "security.recoveryCodesRegenerated", null, null, null);
    log.record(actor.nic(), SecurityEvent.recoveryCodesRenewed, SecurityLog.Details.none());
    return newRecoveryCodes(actor.nic(), clock.instant());
  }

  /**
   * Checks a code from an authenticator (each time step works once) or an unused recovery code
   * (which is then spent, and the account told).
   */
  @Transactional
  public Optional<Method> verify(Nic nic, String code) {
    String typed = code == null ? "" : code.strip();
    Instant now = clock.instant();
    if (typed.replaceAll("\\s", "").matches("\\d{6}")) {
      for (var f : repository.factors(nic)) {
        OptionalLong step = totp.match(box.open(f.secretSealed()), typed, now, f.lastStep());
        if (step.isPresent() && repository.useStep(f.id(), step.getAsLong(), now)) {
          return Optional.of(Method.totp);
        }
      }
      return Optional.empty();
    }
    if (repository.useRecoveryCode(nic, recoveryDigest(typed), now)) {
      long left = repository.unusedRecoveryCodes(nic);
      audit.record(Actor.customer(nic, null), "security.recoveryCodeUsed", null, null, null);
      log.record(
          nic,
          SecurityEvent.recoveryCodeUsed,
          SecurityLog.Details.because(SecurityReason.codesLeft, left));
      notices.send(nic, MailKind.SECURITY_RECOVERY_CODE_USED, String.valueOf(left));
      return Optional.of(Method.recovery);
    }
    return Optional.empty();
  }

  private List<String> newRecoveryCodes(Nic nic, Instant now) {
    List<String> codes = new ArrayList<>();
    List<String> digests = new ArrayList<>();
    for (int i = 0; i < RECOVERY_CODES; i++) {
      StringBuilder sb = new StringBuilder();
      for (int c = 0; c < 10; c++) {
        if (c == 5) {
          sb.append('-');
        }
        sb.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
      }
      codes.add(sb.toString());
      digests.add(recoveryDigest(sb.toString()));
    }
    repository.replaceRecoveryCodes(nic, digests, now);
    return codes;
  }

  /** Recovery codes are compared without case, spaces or dashes. */
  static String recoveryDigest(String code) {
    return Digests.sha256Hex(code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT));
  }

  static String name(String name) {
    String n = name == null ? "" : name.strip();
    FieldTooLong.check("security.factor.name", n, 100);
    if (n.isEmpty()) {
      throw new BadName();
    }
    return n;
  }

  /** The code is not right (or was already used). */
  public static final class WrongCode extends HandoverException {
    WrongCode() {
      super(Kind.BAD_REQUEST, "security.code.wrong");
    }
  }

  /** A second factor needs a name (one that is too long is {@link FieldTooLong}). */
  public static final class BadName extends HandoverException {
    BadName() {
      super(Kind.BAD_REQUEST, "security.factor.nameNeeded");
    }
  }

  /** The account has no such second factor. */
  public static final class NoSuchFactor extends HandoverException {
    NoSuchFactor() {
      super(Kind.NOT_FOUND, "security.factor.unknown");
    }
  }
}
