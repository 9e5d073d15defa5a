package org.handover.apiauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.handover.account.AccountLockdown;
import org.handover.account.AccountNotices;
import org.handover.audit.AuditLog;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.audit.SecurityReason;
import org.handover.mail.MailKind;
import org.handover.system.Actor;
import org.handover.system.Digests;
import org.handover.system.Nic;
import org.handover.system.TextRules;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API applications and their consumer keys. Application secrets are sealed at rest; consumer keys
 * and validation tokens are stored as SHA-256 digests. Signature checks read keys through {@link
 * VerifiedKeys}, whose cache this class empties whenever a key ends.
 */
@Service
public class ApiKeys {

  /** The longest description an application may have (its name: {@link TextRules#PERSON_NAME}). */
  public static final int DESCRIPTION = 500;

  /** The longest validity a customer may give a consumer key (ten years). */
  public static final Duration MAX_VALIDITY = Duration.ofDays(3650);

  /** The most access rules one credential may have. */
  static final int MAX_RULES = 50;

  private static final String ALPHANUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final ApiKeyRepository repository;
  private final SecretBox box;
  private final Clock clock;
  private final AuditLog audit;
  private final SecurityLog log;
  private final AccountNotices notices;
  private final VerifiedKeys verified;
  private final SecureRandom random = new SecureRandom();

  ApiKeys(
      ApiKeyRepository repository,
      SecretBox box,
      Clock clock,
      AuditLog audit,
      SecurityLog log,
      AccountNotices notices,
      VerifiedKeys verified) {
    this.notices = notices;
    this.verified = verified;
    this.repository = repository;
    this.box = box;
    this.clock = clock;
    this.audit = audit;
    this.log = log;
  }

  /** An application as its owner sees it (never with its secret). */
  public record Application(
      long id, String key, String name, String description, Instant createdAt) {}

  /** A new application: the only moment its secret is shown. */
  public record NewApplication(Application application, String secret) {}

  /** A credential waiting for (or past) validation, as the validation page shows it. */
  public record Credential(
      long id,
      String applicationName,
      String state,
      List<AccessRule> rules,
      Redirection redirection) {}

  @Transactional
  public NewApplication createApplication(Actor owner, String name, String description) {
    String n = name == null ? "" : name.strip();
    String d = description == null ? "" : description.strip();
    if (n.isEmpty() || !TextRules.isSingleLine(n, TextRules.PERSON_NAME)) {
      throw new ApiErrors.BadRequest("api.error.application.name", TextRules.PERSON_NAME);
    }
    if (!TextRules.isMultiLine(d, DESCRIPTION)) {
      throw new ApiErrors.BadRequest("api.error.application.description", DESCRIPTION);
    }
    String key = token(16);
    String secret = token(32);
    repository.insertApplication(key, box.seal(secret), n, d, owner.nic(), clock.instant());
    audit.record(owner, "api.applicationCreated", null, null, key);
    notices.send(owner.nic(), MailKind.SECURITY_API_APPLICATION, n);
    Application app =
        applications(owner.nic()).stream()
            .filter(a -> a.key().equals(key))
            .findFirst()
            .orElseThrow();
    return new NewApplication(app, secret);
  }

  public List<Application> applications(Nic owner) {
    return repository.applications(owner);
  }

  /** Deletes an application of the owner's, and every consumer key it issued. */
  @Transactional
  public void deleteApplication(Actor owner, long id) {
    if (!repository.deleteApplication(id, owner.nic())) {
      throw new NoSuchApplication();
    }
    verified.forgetAll();
    audit.record(owner, "api.applicationDeleted", null, null, String.valueOf(id));
  }

  /** A new consumer key for an application, pending validation by a customer. */
  public record Requested(String consumerKey, String validationToken) {}

  @Transactional
  public Requested requestCredential(String appKey, List<AccessRule> rules, String redirection) {
    return requestCredential(appKey, rules, redirection, null);
  }

  /** As {@link #requestCredential(String, List, String)}, usable only from the given networks. */
  @Transactional
  public Requested requestCredential(
      String appKey, List<AccessRule> rules, String redirection, IpRanges allowedIps) {
    long appId = applicationId(appKey).orElseThrow(ApiErrors::invalidKey);
    if (rules == null || rules.isEmpty() || rules.size() > MAX_RULES) {
      throw new ApiErrors.BadRequest("api.error.accessRules.count", MAX_RULES);
    }
    if (redirection != null) {
      Redirection.parse(redirection);
    }
    String consumerKey = token(32);
    String validation = token(32);
    repository.insertPendingCredential(
        appId,
        digest(consumerKey),
        digest(validation),
        rules,
        redirection,
        allowedIps == null ? null : allowedIps.stored(),
        clock.instant());
    return new Requested(consumerKey, validation);
  }

  /** The credential a validation link points at, while it waits for validation. */
  public Credential pending(String validationToken) {
    return repository
        .pending(digest(validationToken == null ? "" : validationToken))
        .orElseThrow(NoSuchCredential::new);
  }

  /**
   * Binds a pending credential to the signed-in customer, valid for {@code validity} (0 = ever).
   */
  @Transactional
  public Credential validate(Actor customer, String validationToken, Duration validity) {
    Credential c = pending(validationToken);
    Instant now = clock.instant();
    repository.markValidated(
        c.id(), customer.nic(), now, validity.isZero() ? null : now.plus(validity));
    audit.record(customer, "api.credentialValidated", null, null, String.valueOf(c.id()));
    log.record(customer.nic(), SecurityEvent.keyCreated, key(c.id()));
    return c;
  }

  @Transactional
  public Credential refuse(Actor customer, String validationToken) {
    Credential c = pending(validationToken);
    repository.markRefused(c.id());
    audit.record(customer, "api.credentialRefused", null, null, String.valueOf(c.id()));
    return c;
  }

  /** An application with a consumer key already validated for its owner: {@code /createToken}. */
  public record Token(String applicationKey, String applicationSecret, String consumerKey) {}

  @Transactional
  public Token createToken(
      Actor owner, String name, String description, List<AccessRule> rules, Duration validity) {
    NewApplication app = createApplication(owner, name, description);
    Requested requested = requestCredential(app.application().key(), rules, null);
    validate(owner, requested.validationToken(), validity);
    return new Token(app.application().key(), app.secret(), requested.consumerKey());
  }

  /** Ends a consumer key (the API's logout). */
  @Transactional
  public void revoke(ApiCaller caller) {
    repository.markExpired(caller.credentialId());
    verified.forgetAll();
    log.record(caller.nic(), SecurityEvent.keyEnded, key(caller.credentialId()));
  }

  /** A validated consumer key as its owner sees it on the security page. */
  public record ConsumerKey(
      long id,
      String applicationName,
      List<AccessRule> rules,
      Instant validatedAt,
      Instant expiresAt) {}

  /** The account's validated consumer keys, newest first (at most {@code limit}). */
  public List<ConsumerKey> consumerKeys(Nic nic, int limit) {
    return repository.consumerKeys(nic, limit);
  }

  /** Revokes one of the account's own consumer keys. */
  @Transactional
  public void revokeOwn(Actor owner, long credentialId) {
    if (!repository.expireOwn(credentialId, owner.nic())) {
      throw new NoSuchCredential();
    }
    verified.forgetAll();
    audit.record(owner, "api.credentialRevoked", null, null, String.valueOf(credentialId));
    log.record(owner.nic(), SecurityEvent.keyEnded, key(credentialId));
  }

  private static SecurityLog.Details key(long credentialId) {
    return SecurityLog.Details.because(SecurityReason.apiKey, credentialId);
  }

  /** Every consumer key of the account ends when its sessions must. */
  @EventListener
  public void on(AccountLockdown lockdown) {
    if (repository.expireAll(lockdown.nic()) > 0) {
      log.record(lockdown.nic(), SecurityEvent.keyEnded, lockdown.cause());
    }
    verified.forgetAll();
  }

  /** Whether an application key exists (the only check {@code POST /auth/credential} makes). */
  public Optional<Long> applicationId(String appKey) {
    return verified.applicationId(appKey);
  }

  private String token(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHANUM.charAt(random.nextInt(ALPHANUM.length())));
    }
    return sb.toString();
  }

  static String digest(String value) {
    return Digests.sha256Hex(value);
  }
}
