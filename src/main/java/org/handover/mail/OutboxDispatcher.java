package org.handover.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.handover.system.HandoverProperties;
import org.handover.system.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers outbox rows over SMTP. Each row is claimed under a row lock ({@code SKIP LOCKED}, so
 * several instances share the work without sending anything twice), sent, and marked sent in the
 * same short transaction. Failures are retried with exponential backoff until a final {@code
 * failed}; once delivered, a row no longer holds its code. Idle when no SMTP host is configured.
 */
@Component
public class OutboxDispatcher {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final MailTemplates templates;
  private final JavaMailSender sender;
  private final Clock clock;
  private final HandoverProperties.Mail settings;
  private final JsonMapper json;
  private final Counter sent;
  private final Counter failures;
  private final Timer latency;

  OutboxDispatcher(
      JdbcClient jdbc,
      TransactionTemplate tx,
      MailTemplates templates,
      ObjectProvider<JavaMailSender> sender,
      Clock clock,
      HandoverProperties properties,
      JsonMapper json,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.templates = templates;
    this.sender = sender.getIfAvailable();
    this.clock = clock;
    this.settings = properties.mail();
    this.json = json;
    this.sent = meters.counter("handover.mail.sent");
    this.failures = meters.counter("handover.mail.failures");
    this.latency = meters.timer("handover.mail.delivery.latency");
    Gauge.builder("handover.mail.pending", () -> count("pending")).register(meters);
    Gauge.builder("handover.mail.failed", () -> count("failed")).register(meters);
  }

  /** Whether an SMTP server is configured; without one, mail stays in the outbox. */
  public boolean isEnabled() {
    return sender != null;
  }

  @Scheduled(
      fixedDelayString = "${handover.mail.poll-interval:PT2S}",
      initialDelayString = "${handover.mail.poll-interval:PT2S}")
  void scheduled() {
    if (isEnabled()) {
      deliverDue();
    }
  }

  /**
   * Delivers due rows, up to one batch; stops early when the server seems unreachable.
   *
   * @return how many rows were delivered
   */
  public int deliverDue() {
    int delivered = 0;
    for (int i = 0; i < settings.batchSize(); i++) {
      Attempt attempt = tx.execute(s -> deliverOne());
      if (attempt == Attempt.NOTHING_DUE || attempt == Attempt.RETRY_LATER) {
        break;
      }
      delivered += attempt == Attempt.SENT ? 1 : 0;
    }
    return delivered;
  }

  private enum Attempt {
    SENT,
    FAILED_FOR_GOOD,
    RETRY_LATER,
    NOTHING_DUE
  }

  private record Due(long id, OutboxMessage message, int attempts) {}

  private Attempt deliverOne() {
    Instant now = clock.instant();
    Optional<Long> claimed =
        jdbc.sql(
                """
                select id from mail_outbox where status = 'pending' and next_attempt_at <= ?
                order by next_attempt_at, id fetch first 1 rows only for update skip locked""")
            .param(Sql.ts(now))
            .query(Long.class)
            .optional();
    if (claimed.isEmpty()) {
      return Attempt.NOTHING_DUE;
    }
    OutboxMessage message = load(claimed.get());
    try {
      send(message, now);
    } catch (MailParseException | MailPreparationException | MessagingException permanent) {
      recordFailure(message, now, permanent, true);
      return Attempt.FAILED_FOR_GOOD;
    } catch (MailException transientFailure) {
      boolean last = recordFailure(message, now, transientFailure, false);
      return last ? Attempt.FAILED_FOR_GOOD : Attempt.RETRY_LATER;
    }
    Map<String, Object> kept = new LinkedHashMap<>(message.payload());
    if (kept.remove("code") != null) {
      kept.put("codeRemoved", true);
    }
    jdbc.sql(
            """
            update mail_outbox set status = 'sent', sent_at = ?, attempts = attempts + 1,
                   last_error = null, payload = ?
            where id = ?""")
        .params(Sql.ts(now), json.writeValueAsString(kept), message.id())
        .update();
    sent.increment();
    latency.record(Duration.between(message.createdAt(), now).abs());
    return Attempt.SENT;
  }

  private void send(OutboxMessage message, Instant now) throws MessagingException {
    RenderedMail mail = templates.render(message);
    String messageId = "<handover." + message.id() + "@" + domainOf(settings.from()) + ">";
    MimeMessage mime =
        new MimeMessage(Session.getInstance(new Properties())) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
    helper.setFrom(settings.from());
    if (settings.replyTo() != null && !settings.replyTo().isBlank()) {
      helper.setReplyTo(settings.replyTo());
    }
    helper.setTo(message.recipientEmail());
    helper.setSubject(mail.subject());
    helper.setSentDate(Date.from(now));
    helper.setText(mail.text(), mail.html());
    sender.send(mime);
  }

  /** Counts the failure; returns whether the row is now {@code failed} for good. */
  private boolean recordFailure(OutboxMessage m, Instant now, Exception error, boolean permanent) {
    failures.increment();
    int attempts = m.attempts() + 1;
    boolean last = permanent || attempts >= settings.maxAttempts();
    String reason = error.getClass().getSimpleName() + ": " + String.valueOf(error.getMessage());
    jdbc.sql(
            """
            update mail_outbox set status = ?, attempts = ?, next_attempt_at = ?, last_error = ?
            where id = ?""")
        .params(
            last ? "failed" : "pending",
            attempts,
            Sql.ts(now.plus(settings.backoffAfter(attempts))),
            reason.length() > 1000 ? reason.substring(0, 1000) : reason,
            m.id())
        .update();
    if (last) {
      log.warn(
          "Email {} ({}) failed for good after {} attempts: {}",
          m.id(),
          m.kind(),
          attempts,
          reason);
    } else {
      log.info("Email {} not delivered (attempt {}), retrying later: {}", m.id(), attempts, reason);
    }
    return last;
  }

  private OutboxMessage load(long id) {
    return jdbc.sql(Outbox.SELECT + " where id = ?")
        .param(id)
        .query((rs, n) -> Outbox.map(rs, json))
        .single();
  }

  private double count(String status) {
    return jdbc.sql("select count(*) from mail_outbox where status = ?")
        .param(status)
        .query(Long.class)
        .single();
  }

  private static String domainOf(String from) {
    String address = from.replaceAll(".*<([^>]+)>.*", "$1");
    int at = address.lastIndexOf('@');
    return at < 0
        ? "handover.localhost"
        : address.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
  }
}
