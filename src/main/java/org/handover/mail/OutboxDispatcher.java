package org.handover.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.handover.audit.AuditLog;
import org.handover.system.DatabaseUnavailable;
import org.handover.system.HandoverProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers outbox rows over SMTP. Rows are claimed in batches ({@code SKIP LOCKED}, then a lease on
 * their next attempt, {@code handover.mail.claim-lease}), so several senders and instances share
 * the work without sending anything twice; a batch goes over one SMTP connection with no
 * transaction open ({@link SmtpDelivery}: pipelined to a relay that offers it), then its outcomes
 * are written in one short transaction. Failures are retried with exponential backoff until a final
 * {@code failed}; once delivered, a row no longer holds its code. Idle when no SMTP host is
 * configured.
 */
@Component
public class OutboxDispatcher {

  static {
    nameTheMailStreamProvider();
  }

  /**
   * Jakarta Mail 2.1 looks its stream provider up through ServiceLoader for every MIME part it
   * creates (jakartaee/mail-api#861), which cost more than rendering an email; naming the provider
   * turns that scan of the class path into one class lookup. For every user of Jakarta Mail in the
   * JVM (the benchmark's receiving SMTP server too).
   */
  public static void nameTheMailStreamProvider() {
    System.getProperties()
        .putIfAbsent(
            "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
  }

  private final OutboxRepository repository;
  private final ExecutorService senders;
  private final TransactionTemplate tx;
  private final JavaMailSender sender;
  private final MailComposer composer;
  private final SmtpDelivery delivery;
  private final DeliveryOutcomes outcomes;
  private final Clock clock;
  private final HandoverProperties.Mail settings;
  private final Counter sent;
  private final Timer latency;

  OutboxDispatcher(
      OutboxRepository repository,
      AuditLog audit,
      TransactionTemplate tx,
      MailTemplates templates,
      ObjectProvider<JavaMailSender> sender,
      Clock clock,
      HandoverProperties properties,
      SmtpDelivery.Settings smtp,
      MeterRegistry meters) {
    this.repository = repository;
    this.tx = tx;
    this.sender = sender.getIfAvailable();
    this.clock = clock;
    this.settings = properties.mail();
    this.composer = new MailComposer(templates, this.sender, settings);
    this.delivery = new SmtpDelivery(this.sender, smtp, clock);
    this.senders =
        Executors.newFixedThreadPool(
            Math.max(1, settings.senders() - 1),
            task -> {
              Thread thread = new Thread(task, "mail-sender");
              thread.setDaemon(true);
              return thread;
            });
    this.sent = meters.counter("handover.mail.sent");
    this.outcomes =
        new DeliveryOutcomes(repository, audit, settings, meters.counter("handover.mail.failures"));
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
    if (!isEnabled()) {
      return;
    }
    List<CompletableFuture<Integer>> others = new ArrayList<>();
    for (int i = 1; i < settings.senders(); i++) {
      others.add(CompletableFuture.supplyAsync(this::deliverDue, senders));
    }
    deliverDue();
    others.forEach(CompletableFuture::join);
  }

  @PreDestroy
  void stop() {
    senders.shutdownNow();
  }

  /**
   * Delivers due rows, batch after batch, until none is due or the server seems unreachable. Each
   * batch is claimed and leased in one short transaction, sent over one SMTP connection with no
   * transaction open, and its outcomes recorded in another.
   *
   * @return how many rows were delivered
   */
  public int deliverDue() {
    int delivered = 0;
    while (true) {
      Batch batch = deliverBatch();
      delivered += batch.sent();
      if (batch.claimed() < settings.batchSize() || batch.serverTrouble()) {
        return delivered;
      }
    }
  }

  /**
   * What one batch did; {@code serverTrouble} when nothing could be sent but something was tried.
   */
  private record Batch(int claimed, int sent, boolean serverTrouble) {}

  /** A failed attempt, recorded with the batch's outcomes. */
  private record Failure(OutboxMessage message, Exception error, boolean permanent) {}

  private Batch deliverBatch() {
    Instant now = clock.instant();
    // whole milliseconds: the outcome finds its rows by the lease the database stored
    Instant lease = now.plus(settings.claimLease()).truncatedTo(ChronoUnit.MILLIS);
    List<OutboxMessage> due =
        tx.execute(s -> repository.claimDue(now, settings.batchSize(), lease));
    if (due == null || due.isEmpty()) {
      return new Batch(0, 0, false);
    }
    Map<SmtpDelivery.Outgoing, OutboxMessage> prepared = new LinkedHashMap<>();
    List<Failure> failures = new ArrayList<>();
    for (OutboxMessage message : due) {
      try {
        prepared.put(delivery.prepare(composer.compose(message, now)), message);
      } catch (MessagingException | RuntimeException unsendable) {
        // a bad address, or an email that cannot be rendered: fails alone, blocks nobody
        failures.add(new Failure(message, unsendable, true));
      }
    }
    Map<SmtpDelivery.Outgoing, Exception> failed = delivery.send(List.copyOf(prepared.keySet()));
    List<OutboxRepository.Delivered> delivered = new ArrayList<>();
    for (var entry : prepared.entrySet()) {
      OutboxMessage message = entry.getValue();
      Exception failure = failed.get(entry.getKey());
      if (failure != null) {
        failures.add(new Failure(message, failure, SmtpReplies.isPermanent(failure)));
        continue;
      }
      delivered.add(DeliveryOutcomes.delivered(message, now));
      latency.record(Duration.between(message.createdAt(), now).abs());
    }
    // the batch went out: its outcomes are written on the new primary if the old one just died
    // (matched by the lease, so writing them twice is harmless)
    DatabaseUnavailable.retried(
        () ->
            tx.execute(
                s -> {
                  failures.forEach(
                      f -> outcomes.failed(f.message(), lease, now, f.error(), f.permanent()));
                  repository.markSent(delivered, lease);
                  return delivered.size();
                }));
    sent.increment(delivered.size());
    return new Batch(due.size(), delivered.size(), delivered.isEmpty() && !failed.isEmpty());
  }

  private double count(String status) {
    return repository.count(status);
  }
}
