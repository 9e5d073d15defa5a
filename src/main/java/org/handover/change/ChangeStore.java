package org.handover.change;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.handover.audit.AuditLog;
import org.handover.change.ChangeErrors.ChangeNotFound;
import org.handover.system.Actor;
import org.handover.system.HandoverProperties;
import org.handover.system.Nic;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads and saves requests so that every save also audits its transitions and, when a request ends,
 * releases its roles, voids its codes and notifies everyone involved — in one transaction.
 */
@Component
class ChangeStore {

  private final ChangeRepository repository;
  private final ChangeNotifications notifications;
  private final AuditLog audit;
  private final HandoverProperties.Change settings;
  private final ApplicationEventPublisher events;

  ChangeStore(
      ChangeRepository repository,
      ChangeNotifications notifications,
      AuditLog audit,
      HandoverProperties properties,
      ApplicationEventPublisher events) {
    this.repository = repository;
    this.notifications = notifications;
    this.audit = audit;
    this.settings = properties.change();
    this.events = events;
  }

  /** Tells listeners (webhooks) about a step, in the caller's transaction. */
  void publish(String type, ContactChange change) {
    publish(type, change, null);
  }

  /** The same, naming the party whose answer the step is. */
  void publish(String type, ContactChange change, String party) {
    events.publishEvent(
        new ContactChangeEvent(type, change.serviceId(), EventData.of(change, party)));
  }

  Optional<ContactChange> find(long id) {
    return repository.find(id);
  }

  /** Locks a request the account is involved in; {@link ChangeNotFound} for anyone else. */
  @Transactional(propagation = Propagation.MANDATORY)
  ContactChange lockInvolving(Nic nic, long id) {
    return repository
        .lock(id)
        .filter(c -> c.involves(nic))
        .orElseThrow(() -> new ChangeNotFound(id));
  }

  @Transactional(propagation = Propagation.MANDATORY)
  Optional<ContactChange> lock(long id) {
    return repository.lock(id);
  }

  @Transactional(propagation = Propagation.MANDATORY)
  void save(ContactChange change, Actor actor) {
    repository.update(change);
    for (ContactChange.Transition t : change.drainTransitions()) {
      String detail =
          t.from() + " -> " + t.to() + (t.reason() == null ? "" : " " + t.reason().encode());
      audit.record(actor, "change." + t.to().name(), change.serviceId(), change.id(), detail);
    }
    if (change.state().isFinal()) {
      repository.releaseClaims(change.id());
      repository.voidCodes(change.id());
      notifications.ended(change);
      if (change.state() != ChangeState.error) {
        publish(
            "contactChange."
                + (change.state() == ChangeState.done ? "done" : change.state().name()),
            change);
      }
      if (change.state() == ChangeState.done) {
        publish("service.contactsChanged", change);
      }
    }
  }

  /** When the next reminder is due after {@code t}, or null when none is left. */
  Instant nextReminderAfter(Instant expiresAt, Instant t) {
    List<Duration> offsets = settings.reminderOffsets();
    return offsets.stream()
        .map(expiresAt::minus)
        .filter(at -> at.isAfter(t))
        .min(Instant::compareTo)
        .orElse(null);
  }
}
