package org.handover.security;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps compute them: HMAC-SHA1, 30 s
 * steps, 6 digits, computed by the java-otp library. A code is accepted one step either side of
 * now, to allow for clock drift, and only for a step later than the last one used (no replay).
 */
public final class Totp {

  /** Length of a new secret in bytes (160 bits, as RFC 4226 recommends). */
  static final int SECRET_BYTES = 20;

  static final Duration STEP = Duration.ofSeconds(30);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final TimeBasedOneTimePasswordGenerator generator;
  private final String algorithm;

  private Totp(Duration step, int digits, String algorithm) {
    this.generator = new TimeBasedOneTimePasswordGenerator(step, digits, algorithm);
    this.algorithm = algorithm;
  }

  /** The parameters every authenticator app understands. */
  public static Totp standard() {
    return new Totp(STEP, 6, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
  }

  /** Other parameters, as the RFC's test vectors use (8 digits, SHA-256, SHA-512). */
  static Totp of(Duration step, int digits, String algorithm) {
    return new Totp(step, digits, algorithm);
  }

  /** A new random secret, as the Base32 text authenticator apps take. */
  public static String newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return Base32.encode(secret);
  }

  /** The time step an instant falls in. */
  long step(Instant at) {
    return at.getEpochSecond() / generator.getTimeStep().toSeconds();
  }

  /** The code for a raw secret at an instant, zero-padded. */
  String code(byte[] secret, Instant at) {
    try {
      return generator.generateOneTimePasswordString(new SecretKeySpec(secret, algorithm), at);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The code for a Base32 secret at an instant. */
  public String code(String base32Secret, Instant at) {
    return code(Base32.decode(base32Secret), at);
  }

  /**
   * The step a code matches, among the steps around {@code now} that are after {@code lastStep};
   * empty when none matches. Every candidate is compared, in constant time.
   */
  OptionalLong match(String base32Secret, String given, Instant now, long lastStep) {
    String typed = given == null ? "" : given.replaceAll("\\s", "");
    byte[] secret = Base32.decode(base32Secret);
    long current = step(now);
    long matched = -1;
    for (long s = current - 1; s <= current + 1; s++) {
      Instant at = Instant.ofEpochSecond(s * generator.getTimeStep().toSeconds());
      boolean same =
          MessageDigest.isEqual(
              code(secret, at).getBytes(StandardCharsets.US_ASCII),
              typed.getBytes(StandardCharsets.US_ASCII));
      if (same && s > lastStep && matched < 0) {
        matched = s;
      }
    }
    return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
  }
}
