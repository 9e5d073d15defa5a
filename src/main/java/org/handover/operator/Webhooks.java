package org.handover.operator;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.handover.apiauth.SecretBox;
import org.handover.audit.Actor;
import org.handover.audit.AuditLog;
import org.handover.change.ContactChangeEvent;
import org.handover.system.HandoverException;
import org.handover.system.Sql;
import org.handover.system.TextRules;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks: operators register a URL, a secret and the events to follow; every event is written, in
 * the transaction that caused it, as one delivery row per subscribed webhook, which {@link
 * WebhookDispatcher} then delivers.
 */
@Service
public class Webhooks {

  static final Set<String> EVENTS =
      Set.of(
          "contactChange.created",
          "contactChange.accepted",
          "contactChange.refused",
          "contactChange.done",
          "contactChange.expired",
          "contactChange.aborted",
          "service.contactsChanged");

  private final JdbcClient jdbc;
  private final Object heldKey = new Object();
  private final SecretBox box;
  private final JsonMapper json;
  private final Clock clock;
  private final AuditLog audit;
  private final WebhookTargets targets;

  Webhooks(
      JdbcClient jdbc,
      SecretBox box,
      JsonMapper json,
      Clock clock,
      AuditLog audit,
      WebhookTargets targets) {
    this.jdbc = jdbc;
    this.box = box;
    this.json = json;
    this.clock = clock;
    this.audit = audit;
    this.targets = targets;
  }

  /** Where a delivery to this URL may go now (checked again before every delivery). */
  URI target(String url) throws WebhookTargets.Refused {
    return targets.check(url);
  }

  /** A registered webhook (its secret is never shown again). */
  public record Webhook(
      long id, String url, List<String> events, boolean active, Instant createdAt) {}

  @Transactional
  public Webhook register(Actor operator, String url, String secret, List<String> events) {
    if (url == null || !url.matches("https?://\\S{1,990}") || !TextRules.isSingleLine(url, 1000)) {
      throw new OperatorErrors.Invalid("url");
    }
    try {
      targets.check(url);
    } catch (WebhookTargets.Refused refused) {
      throw new OperatorErrors.Invalid("url (" + refused.getMessage() + ")");
    }
    if (secret == null || secret.length() < 16 || secret.length() > 200) {
      throw new OperatorErrors.Invalid("secret (16 to 200 characters)");
    }
    if (events == null || events.isEmpty() || !EVENTS.containsAll(events)) {
      throw new OperatorErrors.Invalid(
          "events (any of " + String.join(", ", EVENTS.stream().sorted().toList()) + ")");
    }
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql(
            "insert into webhooks (url, secret_sealed, events, active, created_at) values (?, ?, ?, true, ?)")
        .params(url, box.seal(secret), String.join(",", events), Sql.ts(clock.instant()))
        .update(keys, "id");
    long id = keys.getKeyAs(Number.class).longValue();
    audit.record(operator, "operator.webhookRegistered", null, null, id + " " + url);
    return find(id);
  }

  public List<Webhook> list() {
    return jdbc.sql("select id, url, events, active, created_at from webhooks order by id")
        .query(this::map)
        .list();
  }

  public Webhook find(long id) {
    return jdbc.sql("select id, url, events, active, created_at from webhooks where id = ?")
        .param(id)
        .query(this::map)
        .optional()
        .orElseThrow(NoSuchWebhook::new);
  }

  @Transactional
  public void delete(Actor operator, long id) {
    find(id);
    jdbc.sql("delete from webhooks where id = ?").param(id).update();
    audit.record(operator, "operator.webhookDeleted", null, null, String.valueOf(id));
  }

  /** One delivery attempt record of a webhook, newest first in the log. */
  public record Delivery(
      long id,
      String eventId,
      String type,
      String status,
      int attempts,
      Integer lastStatusCode,
      String lastError,
      Instant deliveredAt) {}

  public List<Delivery> deliveries(long webhookId, int limit) {
    find(webhookId);
    return jdbc.sql(
            """
            select d.id, e.event_id, e.type, d.status, d.attempts, d.last_status_code, d.last_error,
                   d.delivered_at
            from webhook_deliveries d join webhook_events e on e.id = d.event_row_id
            where d.webhook_id = ? order by d.id desc fetch first ? rows only""")
        .params(webhookId, Math.max(1, Math.min(limit, 1000)))
        .query(
            (rs, i) ->
                new Delivery(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getInt(5),
                    (Integer) rs.getObject(6, Integer.class),
                    rs.getString(7),
                    Sql.instant(rs, "delivered_at")))
        .list();
  }

  /** Writes the event and one delivery per subscribed webhook, in the publisher's transaction. */
  @EventListener
  public void on(ContactChangeEvent event) {
    List<Webhook> subscribed =
        listOncePerTransaction().stream()
            .filter(w -> w.active() && w.events().contains(event.type()))
            .toList();
    if (subscribed.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    String eventId = UUID.randomUUID().toString();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("id", eventId);
    payload.put("type", event.type());
    payload.put("createdAt", now.toString());
    payload.put("data", event.data());
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql(
            "insert into webhook_events (event_id, type, service_id, payload, created_at)"
                + " values (?, ?, ?, ?, ?)")
        .params(
            eventId, event.type(), event.serviceId(), json.writeValueAsString(payload), Sql.ts(now))
        .update(keys, "id");
    long row = keys.getKeyAs(Number.class).longValue();
    for (Webhook w : subscribed) {
      jdbc.sql(
              "insert into webhook_deliveries (webhook_id, event_row_id, service_id, status,"
                  + " attempts, next_attempt_at) values (?, ?, ?, 'pending', 0, ?)")
          .params(w.id(), row, event.serviceId(), Sql.ts(now))
          .update();
    }
  }

  /** The webhooks, read once per transaction however many events the transaction publishes. */
  @SuppressWarnings("unchecked")
  private List<Webhook> listOncePerTransaction() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return list();
    }
    List<Webhook> held = (List<Webhook>) TransactionSynchronizationManager.getResource(heldKey);
    if (held == null) {
      List<Webhook> read = list();
      TransactionSynchronizationManager.bindResource(heldKey, read);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(heldKey);
            }
          });
      held = read;
    }
    return held;
  }

  String secretOf(long webhookId) {
    return box.open(
        jdbc.sql("select secret_sealed from webhooks where id = ?")
            .param(webhookId)
            .query(String.class)
            .single());
  }

  private Webhook map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Webhook(
        rs.getLong("id"),
        rs.getString("url"),
        Arrays.asList(rs.getString("events").split(",")),
        rs.getBoolean("active"),
        Sql.instant(rs, "created_at"));
  }

  /** No webhook has this id. */
  public static final class NoSuchWebhook extends HandoverException {
    NoSuchWebhook() {
      super(Kind.NOT_FOUND, "operator.webhook.notFound");
    }
  }
}
