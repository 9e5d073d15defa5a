package org.handover.apiauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/**
 * The consumer keys a signature check trusts, cached briefly so that checking a signature costs no
 * unsealing nor parsing on the hot path. Only keys that verified are cached, so a key works as soon
 * as it is validated; {@link ApiKeys} forgets them all whenever one ends.
 */
@Component
class VerifiedKeys {

  /** What a signature check needs about a consumer key. */
  record Verified(
      long credentialId,
      long applicationId,
      String secret,
      Nic nic,
      List<AccessRule> rules,
      Instant expiresAt,
      IpRanges allowedIps) {

    /** Whether the credential may be used from this address (any, without allowedIPs). */
    boolean allowsAddress(String remoteAddress) {
      return allowedIps == null || allowedIps.allows(remoteAddress);
    }
  }

  private final ApiKeyRepository repository;
  private final SecretBox box;
  private final Clock clock;
  private final Cache<String, Verified> verified =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(30)).maximumSize(100_000).build();

  VerifiedKeys(ApiKeyRepository repository, SecretBox box, Clock clock) {
    this.repository = repository;
    this.box = box;
    this.clock = clock;
  }

  /**
   * The validated, unexpired credential for this application and consumer key, if any. The cache
   * spares unsealing the secret and parsing the rules; whether the key is still validated and its
   * account still active is read on every call (one primary-key lookup), so that a revoked key or a
   * suspended account is refused at once, by every instance.
   */
  Optional<Verified> verify(String appKey, String consumerKey) {
    Verified found =
        verified.get(
            appKey + ":" + ApiKeys.digest(consumerKey),
            k ->
                repository
                    .validated(appKey, ApiKeys.digest(consumerKey))
                    .map(
                        row ->
                            new Verified(
                                row.credentialId(),
                                row.applicationId(),
                                box.open(row.secretSealed()),
                                row.nic(),
                                row.rules(),
                                row.expiresAt(),
                                IpRanges.fromStored(row.allowedIps())))
                    .orElse(null));
    return Optional.ofNullable(found)
        .filter(v -> v.expiresAt() == null || clock.instant().isBefore(v.expiresAt()))
        .filter(v -> repository.stillValid(v.credentialId()));
  }

  /** Whether an application key exists (the only check {@code POST /auth/credential} makes). */
  Optional<Long> applicationId(String appKey) {
    if (appKey == null || appKey.isBlank()) {
      return Optional.empty();
    }
    return repository.applicationId(appKey.strip());
  }

  /** Forgets every cached key: one ended (revoked, expired, its account locked down). */
  void forgetAll() {
    verified.invalidateAll();
  }
}
