package org.handover.mail;

import java.time.Instant;
import java.util.Map;

/** One row of the outbox: an email to render and deliver. */
public record OutboxMessage(
    long id,
    MailKind kind,
    String recipientNic,
    String recipientEmail,
    String language,
    Map<String, Object> payload,
    Long changeId,
    String status,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant createdAt,
    Instant sentAt) {}
