package org.handover.operator;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.handover.apiauth.SecretBox;
import org.handover.audit.AuditLog;
import org.handover.change.ContactChangeEvent;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.TextRules;
import org.springframework.context.event.EventListener;
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

  private final WebhookRepository repository;
  private final Object heldKey = new Object();
  private final SecretBox box;
  private final JsonMapper json;
  private final Clock clock;
  private final AuditLog audit;
  private final WebhookTargets targets;

  Webhooks(
      WebhookRepository repository,
      SecretBox box,
      JsonMapper json,
      Clock clock,
      AuditLog audit,
      WebhookTargets targets) {
    this.repository = repository;
    this.box = box;
    this.json = json;
    this.clock = clock;
    this.audit = audit;
    this.targets = targets;
  }

  /** A registered webhook (its secret is never shown again). */
  public record Webhook(
      long id, String url, List<String> events, boolean active, Instant createdAt) {}

  @Transactional
  public Webhook register(Actor operator, String url, String secret, List<String> events) {
    if (url == null || !url.matches("https?://\\S{1,990}") || !TextRules.isSingleLine(url, 1000)) {
      throw new InvalidOperatorRequest("operator.invalid.url");
    }
    try {
      targets.check(url);
    } catch (WebhookTargets.Refused refused) {
      throw new InvalidOperatorRequest(refused.key(), refused.args());
    }
    if (secret == null || secret.length() < 16 || secret.length() > 200) {
      throw new InvalidOperatorRequest("operator.invalid.secret", 16, 200);
    }
    if (events == null || events.isEmpty() || !EVENTS.containsAll(events)) {
      throw new InvalidOperatorRequest(
          "operator.invalid.events", String.join(", ", EVENTS.stream().sorted().toList()));
    }
    long id = repository.insertWebhook(url, box.seal(secret), events, clock.instant());
    audit.record(operator, "operator.webhookRegistered", null, null, id + " " + url);
    return find(id);
  }

  public List<Webhook> list() {
    return repository.list();
  }

  public Webhook find(long id) {
    return repository.find(id).orElseThrow(NoSuchWebhook::new);
  }

  @Transactional
  public void delete(Actor operator, long id) {
    find(id);
    repository.delete(id);
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
    return repository.deliveries(webhookId, Math.max(1, Math.min(limit, 1000)));
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
    long row =
        repository.insertEvent(
            eventId, event.type(), event.serviceId(), json.writeValueAsString(payload), now);
    for (Webhook w : subscribed) {
      repository.insertDelivery(w.id(), row, event.serviceId(), now);
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

  /** No webhook has this id. */
  public static final class NoSuchWebhook extends HandoverException {
    NoSuchWebhook() {
      super(Kind.NOT_FOUND, "operator.webhook.notFound");
    }
  }
}
