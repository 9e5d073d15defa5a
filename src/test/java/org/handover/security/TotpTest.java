package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TOTP against the test vectors of RFC 6238, appendix B, and the rules Handover adds. */
class TotpTest {

  private static final byte[] SEED20 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEED32 =
      "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEED64 =
      "1234567890123456789012345678901234567890123456789012345678901234"
          .getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest(name = "T = {0} s")
  @CsvSource({
    "59, 94287082, 46119246, 90693936",
    "1111111109, 07081804, 68084774, 25091201",
    "1111111111, 14050471, 67062674, 99943326",
    "1234567890, 89005924, 91819424, 93441116",
    "2000000000, 69279037, 90698825, 38618901",
    "20000000000, 65353130, 77737706, 47863826"
  })
  void matchesTheRfc6238TestVectors(long seconds, String sha1, String sha256, String sha512) {
    Instant at = Instant.ofEpochSecond(seconds);
    Duration step = Duration.ofSeconds(30);
    assertThat(Totp.of(step, 8, "HmacSHA1").code(SEED20, at)).isEqualTo(sha1);
    assertThat(Totp.of(step, 8, "HmacSHA256").code(SEED32, at)).isEqualTo(sha256);
    assertThat(Totp.of(step, 8, "HmacSHA512").code(SEED64, at)).isEqualTo(sha512);
  }

  @Test
  void theStandardCodeIsTheLastSixDigitsOfTheRfcSha1Vector() {
    String secret = Base32.encode(SEED20);
    assertThat(secret).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertThat(Totp.standard().code(secret, Instant.ofEpochSecond(59))).isEqualTo("287082");
    assertThat(Totp.standard().code(secret, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
  }

  @Test
  void acceptsOneStepOfDriftEitherSideAndNeverAnEarlierStep() {
    Totp totp = Totp.standard();
    String secret = Totp.newSecret();
    Instant now = Instant.parse("2026-11-30T05:00:10Z");
    long step = totp.step(now);
    String previous = totp.code(secret, now.minusSeconds(30));
    String next = totp.code(secret, now.plusSeconds(30));
    String tooOld = totp.code(secret, now.minusSeconds(90));

    assertThat(totp.match(secret, totp.code(secret, now), now, 0)).hasValue(step);
    assertThat(totp.match(secret, previous, now, 0)).hasValue(step - 1);
    assertThat(totp.match(secret, next, now, 0)).hasValue(step + 1);
    assertThat(totp.match(secret, tooOld, now, 0)).isEmpty();
    // a code whose step was already used does not work again
    assertThat(totp.match(secret, totp.code(secret, now), now, step)).isEmpty();
    assertThat(totp.match(secret, "", now, 0)).isEmpty();
    assertThat(totp.match(secret, "12345", now, 0)).isEmpty();
  }

  @Test
  void base32RoundTripsAnyBytes() {
    Random random = new Random(13);
    for (int i = 0; i < 200; i++) {
      byte[] data = new byte[random.nextInt(40)];
      random.nextBytes(data);
      assertThat(Base32.decode(Base32.encode(data))).isEqualTo(data);
    }
    assertThat(Totp.newSecret()).matches("[A-Z2-7]{32}");
  }
}
