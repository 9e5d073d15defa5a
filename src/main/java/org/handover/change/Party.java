package org.handover.change;

import java.time.Instant;
import org.handover.system.ConfirmationCode;
import org.handover.system.Nic;

/**
 * An account whose confirmation a request needs, with the digest of its current code. The code is
 * void once used, once the request ends, or after too many wrong tries. The digest of the code a
 * resend replaced is kept, so that someone typing the older email's code is told so.
 */
public record Party(
    Nic nic,
    PartyStatus status,
    Instant answeredAt,
    String codeDigest,
    Instant codeIssuedAt,
    Instant codeUsedAt,
    int failedAttempts,
    Instant resendWindowAt,
    int resendsInWindow,
    String replacedDigest) {

  static Party awaiting(Nic nic, String codeDigest, Instant now) {
    return new Party(nic, PartyStatus.pending, null, codeDigest, now, null, 0, null, 0, null);
  }

  boolean hasAnswered() {
    return status != PartyStatus.pending;
  }

  /** Whether {@code code} is the one a resend replaced (not a guess: it was this party's code). */
  boolean wasReplacedCode(String code) {
    return replacedDigest != null && ConfirmationCode.matches(code, replacedDigest);
  }

  boolean codeIsVoid(int maxFailures) {
    return codeDigest == null || codeUsedAt != null || failedAttempts >= maxFailures;
  }

  Party answered(PartyStatus answer, Instant now) {
    return new Party(
        nic,
        answer,
        now,
        codeDigest,
        codeIssuedAt,
        now,
        failedAttempts,
        resendWindowAt,
        resendsInWindow,
        replacedDigest);
  }

  Party withFailure() {
    return new Party(
        nic,
        status,
        answeredAt,
        codeDigest,
        codeIssuedAt,
        codeUsedAt,
        failedAttempts + 1,
        resendWindowAt,
        resendsInWindow,
        replacedDigest);
  }

  Party withNewCode(String digest, Instant now, Instant windowStart, int resendsInWindow) {
    return new Party(
        nic, status, answeredAt, digest, now, null, 0, windowStart, resendsInWindow, codeDigest);
  }
}
