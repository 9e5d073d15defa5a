package org.handover.change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.audit.AuditLog;
import org.handover.audit.AuditSubject;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.audit.SecurityReason;
import org.handover.contact.ContactRole;
import org.handover.system.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Turns what happened to a change set ({@link SetEvent}s) into its effects, in the caller's
 * transaction: audit rows, emails (through {@link ChangeNotifications}) and webhook events. The one
 * place where a step's consequences are decided; the workflow only moves the set.
 *
 * <p>Audit rows carry the set's id as {@code change_id}. The rows that make a service's history
 * (requested, and how the set ended) are written once per item with the item's service; the steps
 * in between once per set.
 */
@Component
class ChangeEffects {

  private final ChangeNotifications notifications;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final SecurityLog securityLog;

  ChangeEffects(
      ChangeNotifications notifications,
      AuditLog audit,
      ApplicationEventPublisher events,
      SecurityLog securityLog) {
    this.securityLog = securityLog;
    this.notifications = notifications;
    this.audit = audit;
    this.events = events;
  }

  /**
   * Applies the effects of every event the set recorded since the last call; the step's audit rows
   * are written together, in one batch, after its emails and webhook events.
   */
  void emit(ChangeSet set, Actor actor) {
    List<AuditLog.Entry> trail = new ArrayList<>();
    for (SetEvent event : set.drainEvents()) {
      if (event instanceof SetEvent.Requested r) {
        auditEachItem(trail, set, actor, "change.requested", "");
        notifications.created(set, r.codes());
        publish("contactChange.created", set, null);
      } else if (event instanceof SetEvent.Moved m) {
        if (m.to().isFinal()) {
          ended(trail, set, actor, m);
        } else {
          trail.add(entry(actor, "change." + m.to().name(), set, transition(m)));
        }
      } else if (event instanceof SetEvent.Answered a) {
        answered(trail, set, actor, a);
      } else if (event instanceof SetEvent.CodeRejected c) {
        trail.add(
            entry(
                actor,
                "code.rejected",
                set,
                "failedAttempts=" + c.failedAttempts() + (c.voided() ? " void" : "")));
      } else if (event instanceof SetEvent.CodeResent c) {
        trail.add(entry(actor, "code.resent", set, null));
        notifications.resent(set, c.nic(), c.code());
      } else if (event instanceof SetEvent.Reminded) {
        trail.add(entry(Actor.system(), "change.reminded", set, null));
        notifications.reminder(set);
      }
    }
    if (!trail.isEmpty()) {
      audit.recordAll(trail);
      trail.stream()
          .filter(e -> OWN_ACTIONS.containsKey(e.action()))
          .map(AuditLog.Entry::action)
          .distinct()
          .forEach(action -> ownAction(actor, set, action));
    }
  }

  /** The steps that are a customer's own hand-over actions, for their security log. */
  private static final Map<String, SecurityReason> OWN_ACTIONS =
      Map.of(
          "change.requested", SecurityReason.changeRequested,
          "party.accepted", SecurityReason.changeAccepted,
          "party.refused", SecurityReason.changeRefused,
          "change.aborted", SecurityReason.changeAborted);

  private void ownAction(Actor actor, ChangeSet set, String action) {
    if (actor.kind() == Actor.Kind.customer && actor.id() != null) {
      securityLog.record(
          actor.nic(),
          SecurityEvent.handOver,
          SecurityLog.Details.because(OWN_ACTIONS.get(action), set.id()));
    }
  }

  private static AuditLog.Entry entry(Actor actor, String action, ChangeSet set, String detail) {
    return new AuditLog.Entry(actor, action, AuditSubject.of(single(set), set.id()), detail);
  }

  private void answered(
      List<AuditLog.Entry> trail, ChangeSet set, Actor actor, SetEvent.Answered a) {
    boolean accepted = a.answer() == PartyStatus.accepted;
    trail.add(entry(actor, accepted ? "party.accepted" : "party.refused", set, null));
    if (accepted) {
      publish("contactChange.accepted", set, a.nic().value());
      if (set.state() == ChangeState.validatingByCustomers) {
        notifications.partyAccepted(set, a.nic());
      }
    }
  }

  private void ended(List<AuditLog.Entry> trail, ChangeSet set, Actor actor, SetEvent.Moved m) {
    auditEachItem(trail, set, actor, "change." + m.to().name(), transition(m) + " ");
    notifications.ended(set);
    if (set.state() == ChangeState.error) {
      return;
    }
    publish("contactChange." + set.state().name(), set, null);
    if (set.state() == ChangeState.done) {
      Map<Long, List<ChangeItem>> byService = new LinkedHashMap<>();
      set.items()
          .forEach(i -> byService.computeIfAbsent(i.serviceId(), k -> new ArrayList<>()).add(i));
      byService.forEach(
          (service, items) ->
              events.publishEvent(
                  new ContactChangeEvent(
                      "service.contactsChanged", service, EventData.of(set, items, null))));
    }
  }

  private static void auditEachItem(
      List<AuditLog.Entry> trail, ChangeSet set, Actor actor, String action, String prefix) {
    for (ChangeItem i : set.items()) {
      trail.add(
          new AuditLog.Entry(
              actor,
              action,
              AuditSubject.of(i.serviceId(), set.id())
                  .moving(ContactRole.encode(i.roles()), i.from(), i.to()),
              prefix
                  + "task "
                  + i.taskId()
                  + " "
                  + ContactRole.encode(i.roles())
                  + " "
                  + i.from()
                  + " -> "
                  + i.to()));
    }
  }

  private void publish(String type, ChangeSet set, String party) {
    events.publishEvent(
        new ContactChangeEvent(type, single(set), EventData.of(set, set.items(), party)));
  }

  /** The service of a set that touches only one, else null. */
  private static Long single(ChangeSet set) {
    List<ChangeItem> items = set.items();
    long first = items.get(0).serviceId();
    return set.complete() && items.stream().allMatch(i -> i.serviceId() == first) ? first : null;
  }

  private static String transition(SetEvent.Moved m) {
    return m.from() + " -> " + m.to() + (m.reason() == null ? "" : " " + m.reason().encode());
  }
}
