package org.handover.mail;

import io.micrometer.core.instrument.Counter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.handover.audit.AuditLog;
import org.handover.system.Actor;
import org.handover.system.HandoverProperties;
import org.handover.system.TextRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of an outbox row after an attempt: delivered (its code dropped), retried later with
 * backoff, or failed for good (its code dropped, logged and written to the audit log).
 */
final class DeliveryOutcomes {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final OutboxRepository repository;
  private final AuditLog audit;
  private final HandoverProperties.Mail settings;
  private final Counter failures;

  DeliveryOutcomes(
      OutboxRepository repository,
      AuditLog audit,
      HandoverProperties.Mail settings,
      Counter failures) {
    this.repository = repository;
    this.audit = audit;
    this.settings = settings;
    this.failures = failures;
  }

  /** The outcome of a row that went out, to mark sent with its batch. */
  static OutboxRepository.Delivered delivered(OutboxMessage message, Instant now) {
    return new OutboxRepository.Delivered(message.id(), now, withoutCode(message));
  }

  /** The payload a row keeps once it left the outbox, sent or failed: never the code. */
  private static Map<String, Object> withoutCode(OutboxMessage message) {
    Map<String, Object> kept = new LinkedHashMap<>(message.payload());
    if (kept.remove("code") != null) {
      kept.put("codeRemoved", true);
    }
    return kept;
  }

  /**
   * Counts the failure; returns whether the row is now {@code failed} for good: at once when the
   * failure is {@code permanent} (the SMTP server refused the recipient or message with a 5xx
   * reply, an unusable address, an email that cannot be rendered), else after the last attempt.
   */
  boolean failed(OutboxMessage m, Instant lease, Instant now, Exception error, boolean permanent) {
    failures.increment();
    int attempts = m.attempts() + 1;
    boolean last = permanent || attempts >= settings.maxAttempts();
    String reason = SmtpReplies.describe(error);
    repository.recordFailure(
        m.id(),
        lease,
        last,
        attempts,
        now.plus(settings.backoffAfter(attempts)),
        reason.length() > 1000 ? reason.substring(0, 1000) : reason,
        last ? withoutCode(m) : m.payload());
    if (last) {
      log.warn(
          "Email {} ({}) failed for good after {} attempts: {}",
          m.id(),
          m.kind(),
          attempts,
          TextRules.oneLine(reason));
      auditFailure(m, attempts, reason);
    } else {
      log.info(
          "Email {} not delivered (attempt {}), retrying later: {}",
          m.id(),
          attempts,
          TextRules.oneLine(reason));
    }
    return last;
  }

  /** The operator's trail: findable by the recipient's customer ID and by the request. */
  private void auditFailure(OutboxMessage m, int attempts, String reason) {
    String detail =
        "email "
            + m.id()
            + " ("
            + m.kind()
            + ") to "
            + (m.recipientNic() == null ? m.recipientEmail() : m.recipientNic())
            + " failed after "
            + attempts
            + (attempts == 1 ? " attempt: " : " attempts: ")
            + reason;
    audit.record(
        Actor.system(),
        "mail.failed",
        null,
        m.changeId(),
        detail.length() > 1000 ? detail.substring(0, 1000) : detail);
  }
}
