package org.handover.operator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.handover.apiauth.SecretBox;
import org.handover.operator.WebhookRepository.Claimed;
import org.handover.system.DatabaseUnavailable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers webhook events: a signed POST per delivery row, at least once, oldest first and never
 * ahead of an earlier undelivered event of the same service for the same webhook. Each attempt is
 * three steps: a short transaction claims the row ({@code SKIP LOCKED}, then a lease on its next
 * attempt time) and commits; the POST runs with no transaction open and no row locked, so a slow
 * receiver holds up nobody else; a second short transaction records the outcome. Failures are
 * retried with exponential backoff up to a final {@code failed} ({@code handover.webhooks.*}).
 */
@Component
public class WebhookDispatcher {

  /** Due deliveries looked at per pass. */
  private static final int PASS_SIZE = 200;

  private final WebhookRepository repository;
  private final TransactionTemplate tx;
  private final SecretBox box;
  private final Clock clock;
  private final WebhookSettings settings;
  private final WebhookTargets targets;
  private final HttpClient http;

  WebhookDispatcher(
      WebhookRepository repository,
      TransactionTemplate tx,
      SecretBox box,
      Clock clock,
      WebhookSettings settings,
      WebhookTargets targets) {
    this.repository = repository;
    this.tx = tx;
    this.box = box;
    this.clock = clock;
    this.settings = settings;
    this.targets = targets;
    // redirects are never followed: a receiver cannot send a delivery on to another address
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Scheduled(
      fixedDelayString = "${handover.webhooks.poll-interval:PT2S}",
      initialDelayString = "${handover.webhooks.poll-interval:PT2S}")
  void scheduled() {
    if (settings.enabled()) {
      deliverDue();
    }
  }

  /** Delivers what is due; returns how many deliveries succeeded. */
  public int deliverDue() {
    int total = 0;
    for (int pass = 0; pass < 50; pass++) {
      int sent = 0;
      for (long id : repository.due(clock.instant(), PASS_SIZE)) {
        sent += attempt(id) ? 1 : 0;
      }
      if (sent == 0) {
        break;
      }
      total += sent; // each delivery may unblock the next event of its service
    }
    return total;
  }

  /** One attempt at one delivery, unless another dispatcher has it; true when delivered. */
  private boolean attempt(long id) {
    Instant now = clock.instant();
    Optional<Claimed> claimed =
        tx.execute(s -> repository.claim(id, now, now.plus(settings.claimLease())));
    if (claimed == null || claimed.isEmpty()) {
      return false;
    }
    Claimed delivery = claimed.get();
    Outcome outcome = post(delivery, now);
    int attempts = delivery.attempts() + 1;
    // the POST went out: its outcome is written on the new primary if the old one just died
    DatabaseUnavailable.retried(() -> tx.execute(s -> record(id, outcome, attempts, now)));
    return outcome.delivered();
  }

  private boolean record(long id, Outcome outcome, int attempts, Instant now) {
    if (outcome.delivered()) {
      repository.markSent(id, attempts, outcome.status(), now);
    } else {
      repository.markFailedAttempt(
          id,
          attempts >= settings.maxAttempts(),
          attempts,
          outcome.status(),
          outcome.error().substring(0, Math.min(outcome.error().length(), 1000)),
          now.plus(settings.backoffAfter(attempts)));
    }
    return true;
  }

  /** What a POST came to: the HTTP status when there was one, and why it failed if it did. */
  private record Outcome(Integer status, String error) {
    boolean delivered() {
      return error == null;
    }
  }

  /** The signed POST; runs outside any transaction. */
  private Outcome post(Claimed delivery, Instant now) {
    String timestamp = String.valueOf(now.getEpochSecond());
    String body = delivery.payload();
    try {
      // checked again now: the name may point somewhere else than at registration
      URI target = targets.check(delivery.url());
      String secret = box.open(delivery.secretSealed());
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(target)
                  .timeout(settings.requestTimeout())
                  .header("Content-Type", "application/json")
                  .header("X-Handover-Event", delivery.type())
                  .header("X-Handover-Event-Id", delivery.eventId())
                  .header("X-Handover-Timestamp", timestamp)
                  .header("X-Handover-Signature", "sha256=" + sign(secret, timestamp, body))
                  // the same delivery as Standard Webhooks receivers verify it
                  .header("webhook-id", delivery.eventId())
                  .header("webhook-timestamp", timestamp)
                  .header(
                      "webhook-signature",
                      "v1," + standardSignature(secret, delivery.eventId(), timestamp, body))
                  .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      return new Outcome(status, status >= 200 && status < 300 ? null : "HTTP " + status);
    } catch (WebhookTargets.Refused refused) {
      return new Outcome(null, "target refused: " + refused.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(null, "interrupted");
    }
  }

  /**
   * The Standard Webhooks signature: base64 of HMAC-SHA256 over {@code id + "." + timestamp + "." +
   * body}, keyed with the secret's UTF-8 bytes (receivers give their library the secret in base64,
   * e.g. {@code whsec_} + base64(secret)).
   */
  public static String standardSignature(String secret, String id, String timestamp, String body) {
    return Base64.getEncoder().encodeToString(hmac(secret, id + "." + timestamp + "." + body));
  }

  private static byte[] hmac(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** HMAC-SHA256 over {@code timestamp + "." + body}, hex. */
  public static String sign(String secret, String timestamp, String body) {
    return HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
  }
}
