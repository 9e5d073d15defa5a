package org.handover.operator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.handover.system.HandoverProperties;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers webhook events: a signed POST per delivery row, at least once, oldest first and never
 * ahead of an earlier undelivered event of the same service for the same webhook. Failures are
 * retried with exponential backoff (the mail settings' delays) up to a final {@code failed}. Rows
 * are claimed with {@code SKIP LOCKED}, so several instances share the work.
 */
@Component
public class WebhookDispatcher {

  static final int MAX_ATTEMPTS = 10;

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Webhooks webhooks;
  private final Clock clock;
  private final HandoverProperties.Mail backoff;
  private final boolean scheduled;
  // redirects are never followed: a receiver cannot send a delivery on to another address
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  WebhookDispatcher(
      JdbcClient jdbc,
      TransactionTemplate tx,
      Webhooks webhooks,
      Clock clock,
      HandoverProperties properties) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.webhooks = webhooks;
    this.clock = clock;
    this.backoff = properties.mail();
    this.scheduled = properties.change().jobsEnabled();
  }

  @Scheduled(
      fixedDelayString = "${handover.mail.poll-interval:PT2S}",
      initialDelayString = "${handover.mail.poll-interval:PT2S}")
  void scheduled() {
    if (scheduled) {
      deliverDue();
    }
  }

  /** Delivers what is due; returns how many deliveries succeeded. */
  public int deliverDue() {
    int total = 0;
    for (int pass = 0; pass < 50; pass++) {
      int sent = 0;
      for (long id : due()) {
        Boolean ok = tx.execute(s -> deliver(id));
        sent += Boolean.TRUE.equals(ok) ? 1 : 0;
      }
      if (sent == 0) {
        break;
      }
      total += sent; // each delivery may unblock the next event of its service
    }
    return total;
  }

  /** Due deliveries that have no earlier undelivered event of the same service before them. */
  private List<Long> due() {
    return jdbc.sql(
            """
            select d.id from webhook_deliveries d
            where d.status = 'pending' and d.next_attempt_at <= ?
              and not exists (select 1 from webhook_deliveries e
                              where e.webhook_id = d.webhook_id and e.status = 'pending'
                                and e.id < d.id
                                and (e.service_id = d.service_id or (e.service_id is null and d.service_id is null)))
            order by d.id fetch first 200 rows only""")
        .param(Sql.ts(clock.instant()))
        .query(Long.class)
        .list();
  }

  private boolean deliver(long id) {
    var row =
        jdbc.sql(
                """
                select d.webhook_id, d.attempts, w.url, e.event_id, e.type, e.payload
                from webhook_deliveries d join webhooks w on w.id = d.webhook_id
                join webhook_events e on e.id = d.event_row_id
                where d.id = ? and d.status = 'pending'""")
            .param(id)
            .query(
                (rs, i) ->
                    new Object[] {
                      rs.getLong(1),
                      rs.getInt(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6)
                    })
            .optional();
    if (row.isEmpty()
        || jdbc.sql(
                "select id from webhook_deliveries where id = ? and status = 'pending' for update skip locked")
            .param(id)
            .query(Long.class)
            .optional()
            .isEmpty()) {
      return false;
    }
    Object[] r = row.get();
    long webhookId = (Long) r[0];
    int attempts = (Integer) r[1] + 1;
    String body = (String) r[5];
    Instant now = clock.instant();
    String timestamp = String.valueOf(now.getEpochSecond());
    Integer status = null;
    String error = null;
    try {
      // checked again now: the name may point somewhere else than at registration
      URI target = webhooks.target((String) r[2]);
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(target)
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .header("X-Handover-Event", (String) r[4])
                  .header("X-Handover-Event-Id", (String) r[3])
                  .header("X-Handover-Timestamp", timestamp)
                  .header(
                      "X-Handover-Signature",
                      "sha256=" + sign(webhooks.secretOf(webhookId), timestamp, body))
                  // the same delivery as Standard Webhooks receivers verify it
                  .header("webhook-id", (String) r[3])
                  .header("webhook-timestamp", timestamp)
                  .header(
                      "webhook-signature",
                      "v1,"
                          + standardSignature(
                              webhooks.secretOf(webhookId), (String) r[3], timestamp, body))
                  .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      status = response.statusCode();
      if (status >= 200 && status < 300) {
        jdbc.sql(
                "update webhook_deliveries set status = 'sent', attempts = ?, last_status_code = ?,"
                    + " last_error = null, delivered_at = ? where id = ?")
            .params(attempts, status, Sql.ts(now), id)
            .update();
        return true;
      }
      error = "HTTP " + status;
    } catch (WebhookTargets.Refused refused) {
      error = "target refused: " + refused.getMessage();
    } catch (java.io.IOException | IllegalArgumentException e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    }
    jdbc.sql(
            "update webhook_deliveries set status = ?, attempts = ?, last_status_code = ?,"
                + " last_error = ?, next_attempt_at = ? where id = ?")
        .params(
            attempts >= MAX_ATTEMPTS ? "failed" : "pending",
            attempts,
            status,
            error == null ? null : error.substring(0, Math.min(error.length(), 1000)),
            Sql.ts(now.plus(backoff.backoffAfter(attempts))),
            id)
        .update();
    return false;
  }

  /**
   * The Standard Webhooks signature: base64 of HMAC-SHA256 over {@code id + "." + timestamp + "." +
   * body}, keyed with the secret's UTF-8 bytes (receivers give their library the secret in base64,
   * e.g. {@code whsec_} + base64(secret)).
   */
  public static String standardSignature(String secret, String id, String timestamp, String body) {
    return java.util.Base64.getEncoder()
        .encodeToString(hmac(secret, id + "." + timestamp + "." + body));
  }

  private static byte[] hmac(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** HMAC-SHA256 over {@code timestamp + "." + body}, hex. */
  public static String sign(String secret, String timestamp, String body) {
    return HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
  }
}
