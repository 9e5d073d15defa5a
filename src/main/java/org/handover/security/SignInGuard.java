package org.handover.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.system.Digests;
import org.handover.system.HandoverProperties;
import org.handover.system.Nic;
import org.handover.system.Throttle;
import org.springframework.stereotype.Component;

/**
 * Throttles password guessing by account, whatever login names it (customer ID or email), across
 * the panel's sign-in, {@code /createToken} and the current password asked before a password
 * change, and by client address; every account alike, with a second factor or without. After the
 * free failures an account's password is checked again only once a delay has passed since the last
 * failure, a delay that doubles with each further failure up to a cap; attempts during the delay
 * are refused unchecked and not counted. A browser that signed in to the account before (its device
 * cookie) is not held back by failures from elsewhere: it has its own count, so a stranger cannot
 * lock the owner out. The accounts' counts are in the database ({@code sign_in_failures}), shared
 * by every instance; the per-address and per-browser counts ({@link Throttle}) are kept per
 * instance.
 */
@Component
public class SignInGuard {

  /** How long failures are remembered after the latest one. */
  static final Duration FORGET_AFTER = Duration.ofDays(1);

  private static final int LONGEST_KEY = 200;

  private final Accounts accounts;
  private final Throttle throttle;
  private final HandoverProperties.Security settings;
  private final Clock clock;
  private final SignInFailureRepository failures;

  SignInGuard(
      Accounts accounts,
      Throttle throttle,
      HandoverProperties properties,
      Clock clock,
      SignInFailureRepository failures) {
    this.accounts = accounts;
    this.failures = failures;
    this.throttle = throttle;
    this.settings = properties.security();
    this.clock = clock;
  }

  /** The key of an account's own count. */
  public static String accountKey(Nic nic) {
    return "account:" + nic.value();
  }

  /** Who is being signed in to: the account's key, or the login typed when it names none. */
  public String keyFor(String login) {
    return accounts
        .findForSignIn(login)
        .map(Account::nic)
        .map(SignInGuard::accountKey)
        .orElseGet(() -> "login:" + (login == null ? "" : login.strip().toLowerCase(Locale.ROOT)));
  }

  /**
   * Whether a password may be checked now for this key, from this address, from a browser that is
   * (or is not) known to the account.
   */
  public boolean mayTry(String key, String address, String knownDevice) {
    if (throttle.isBlocked(addressKey(address), settings.addressFailures())) {
      return false;
    }
    if (knownDevice != null) {
      return !throttle.isBlocked(deviceKey(key, knownDevice), settings.freeSignInFailures());
    }
    return waitFor(key).isZero();
  }

  /** How long the key is held back from now (zero when a password may be checked). */
  public Duration waitFor(String key) {
    Instant now = clock.instant();
    return failures
        .find(stored(key), now.minus(FORGET_AFTER))
        .map(f -> f.last().plus(settings.lockDelay(f.count())))
        .filter(now::isBefore)
        .map(until -> Duration.between(now, until))
        .orElse(Duration.ZERO);
  }

  /** Counts a failed password (or second-factor code) against the key and the address. */
  public void failed(String key, String address, String knownDevice) {
    throttle.record(addressKey(address));
    if (knownDevice != null) {
      throttle.record(deviceKey(key, knownDevice));
      return;
    }
    Instant now = clock.instant();
    failures.record(stored(key), now, now.minus(FORGET_AFTER));
  }

  /** A complete sign-in forgets the account's failures. */
  public void succeeded(String key, String knownDevice) {
    failures.forget(stored(key));
    if (knownDevice != null) {
      throttle.reset(deviceKey(key, knownDevice));
    }
  }

  /** The key as stored: a typed login of any length is kept to a bounded digest. */
  private static String stored(String key) {
    return key.length() <= LONGEST_KEY ? key : "digest:" + Digests.sha256Hex(key);
  }

  private static String addressKey(String address) {
    return "signin-address:" + address;
  }

  private static String deviceKey(String key, String device) {
    return "signin-device:" + key + ":" + device;
  }
}
