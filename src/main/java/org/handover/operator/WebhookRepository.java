package org.handover.operator;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.handover.operator.Webhooks.Delivery;
import org.handover.operator.Webhooks.Webhook;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code webhooks}, {@code webhook_events} and {@code webhook_deliveries} tables. */
@Repository
class WebhookRepository {

  private static final String WEBHOOK_COLUMNS = "id, url, events, active, created_at";

  private final JdbcClient jdbc;

  WebhookRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A delivery claimed for one attempt, with what its POST needs. */
  record Claimed(
      long id,
      long webhookId,
      int attempts,
      String url,
      String secretSealed,
      String eventId,
      String type,
      String payload) {}

  long insertWebhook(String url, String secretSealed, List<String> events, Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into webhooks (url, secret_sealed, events, active, created_at)"
                + " values (?, ?, ?, true, ?)")
        .params(url, secretSealed, String.join(",", events), Sql.ts(now))
        .update(keys, "id");
    return keys.getKeyAs(Number.class).longValue();
  }

  List<Webhook> list() {
    return jdbc.sql("select " + WEBHOOK_COLUMNS + " from webhooks order by id")
        .query(WebhookRepository::webhook)
        .list();
  }

  Optional<Webhook> find(long id) {
    return jdbc.sql("select " + WEBHOOK_COLUMNS + " from webhooks where id = ?")
        .param(id)
        .query(WebhookRepository::webhook)
        .optional();
  }

  void delete(long id) {
    jdbc.sql("delete from webhooks where id = ?").param(id).update();
  }

  List<Delivery> deliveries(long webhookId, int limit) {
    return jdbc.sql(
            """
            select d.id, e.event_id, e.type, d.status, d.attempts, d.last_status_code, d.last_error,
                   d.delivered_at
            from webhook_deliveries d join webhook_events e on e.id = d.event_row_id
            where d.webhook_id = ? order by d.id desc fetch first ? rows only""")
        .params(webhookId, limit)
        .query(
            (rs, i) ->
                new Delivery(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getInt(5),
                    rs.getObject(6, Integer.class),
                    rs.getString(7),
                    Sql.instant(rs, "delivered_at")))
        .list();
  }

  /** Writes an event; returns its row id. */
  long insertEvent(String eventId, String type, Long serviceId, String payload, Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into webhook_events (event_id, type, service_id, payload, created_at)"
                + " values (?, ?, ?, ?, ?)")
        .params(eventId, type, serviceId, payload, Sql.ts(now))
        .update(keys, "id");
    return keys.getKeyAs(Number.class).longValue();
  }

  void insertDelivery(long webhookId, long eventRow, Long serviceId, Instant now) {
    jdbc.sql(
            "insert into webhook_deliveries (webhook_id, event_row_id, service_id, status,"
                + " attempts, next_attempt_at) values (?, ?, ?, 'pending', 0, ?)")
        .params(webhookId, eventRow, serviceId, Sql.ts(now))
        .update();
  }

  /**
   * Due deliveries, oldest first, that have no earlier undelivered event of the same service for
   * the same webhook before them. Read without locks: {@link #claim} decides.
   */
  List<Long> due(Instant now, int limit) {
    return jdbc.sql(
            """
            select d.id from webhook_deliveries d
            where d.status = 'pending' and d.next_attempt_at <= ?
              and not exists (select 1 from webhook_deliveries e
                              where e.webhook_id = d.webhook_id and e.status = 'pending'
                                and e.id < d.id
                                and (e.service_id = d.service_id or (e.service_id is null and d.service_id is null)))
            order by d.id fetch first ? rows only""")
        .params(Sql.ts(now), limit)
        .query(Long.class)
        .list();
  }

  /**
   * Claims a due delivery for one attempt: locks its row unless another dispatcher holds it ({@code
   * SKIP LOCKED}) and moves its next attempt to {@code leaseUntil}, so that once the caller's short
   * transaction commits no other dispatcher takes it while its POST runs.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  Optional<Claimed> claim(long id, Instant now, Instant leaseUntil) {
    boolean locked =
        jdbc.sql(
                """
                select id from webhook_deliveries
                where id = ? and status = 'pending' and next_attempt_at <= ?
                for update skip locked""")
            .params(id, Sql.ts(now))
            .query(Long.class)
            .optional()
            .isPresent();
    if (!locked) {
      return Optional.empty();
    }
    jdbc.sql("update webhook_deliveries set next_attempt_at = ? where id = ?")
        .params(Sql.ts(leaseUntil), id)
        .update();
    return jdbc.sql(
            """
            select d.id, d.webhook_id, d.attempts, w.url, w.secret_sealed, e.event_id, e.type,
                   e.payload
            from webhook_deliveries d join webhooks w on w.id = d.webhook_id
            join webhook_events e on e.id = d.event_row_id
            where d.id = ?""")
        .param(id)
        .query(
            (rs, i) ->
                new Claimed(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getInt(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8)))
        .optional();
  }

  void markSent(long id, int attempts, int statusCode, Instant at) {
    jdbc.sql(
            "update webhook_deliveries set status = 'sent', attempts = ?, last_status_code = ?,"
                + " last_error = null, delivered_at = ? where id = ?")
        .params(attempts, statusCode, Sql.ts(at), id)
        .update();
  }

  void markFailedAttempt(
      long id, boolean last, int attempts, Integer statusCode, String error, Instant nextAttempt) {
    jdbc.sql(
            "update webhook_deliveries set status = ?, attempts = ?, last_status_code = ?,"
                + " last_error = ?, next_attempt_at = ? where id = ?")
        .params(last ? "failed" : "pending", attempts, statusCode, error, Sql.ts(nextAttempt), id)
        .update();
  }

  private static Webhook webhook(ResultSet rs, int row) throws SQLException {
    return new Webhook(
        rs.getLong("id"),
        rs.getString("url"),
        Arrays.asList(rs.getString("events").split(",")),
        rs.getBoolean("active"),
        Sql.instant(rs, "created_at"));
  }
}
