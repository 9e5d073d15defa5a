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
import org.handover.mail.Outbox;
import org.handover.system.Actor;
import org.handover.system.InsertPart;
import org.handover.system.JointInsert;
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
  private final Outbox outbox;
  private final JointInsert joint;

  ChangeEffects(
      ChangeNotifications notifications,
      AuditLog audit,
      ApplicationEventPublisher events,
      SecurityLog securityLog,
      Outbox outbox,
      JointInsert joint) {
    this.securityLog = securityLog;
    this.notifications = notifications;
    this.audit = audit;
    this.events = events;
    this.outbox = outbox;
    this.joint = joint;
  }

  /**
   * Applies the effects of every event the set recorded since the last call: webhook events as they
   * come, then the step's emails (the per-recipient limit counted by their insert), audit rows and
   * the actor's security-log lines, with the rows {@code alsoInsert} (a new set's parties, members
   * and claims), all written by one statement ({@link JointInsert}).
   */
  void emit(ChangeSet set, Actor actor, List<InsertPart> alsoInsert) {
    List<AuditLog.Entry> trail = new ArrayList<>();
    List<Outbox.Letter> letters = new ArrayList<>();
    for (SetEvent event : set.drainEvents()) {
      if (event instanceof SetEvent.Requested r) {
        auditEachItem(trail, set, actor, "change.requested", "");
        letters.addAll(notifications.created(set, r.codes()));
        publish("contactChange.created", set, null);
      } else if (event instanceof SetEvent.Moved m) {
        if (m.to().isFinal()) {
          letters.addAll(ended(trail, set, actor, m));
        } else {
          trail.add(entry(actor, "change." + m.to().name(), set, transition(m)));
        }
      } else if (event instanceof SetEvent.Answered a) {
        letters.addAll(answered(trail, set, actor, a));
      } else if (event instanceof SetEvent.CodeRejected c) {
        trail.add(
            entry(
                actor,
                "code.rejected",
                set,
                "failedAttempts=" + c.failedAttempts() + (c.voided() ? " void" : "")));
      } else if (event instanceof SetEvent.CodeResent c) {
        trail.add(entry(actor, "code.resent", set, null));
        letters.addAll(notifications.resent(set, c.nic(), c.code()));
      } else if (event instanceof SetEvent.Reminded) {
        trail.add(entry(Actor.system(), "change.reminded", set, null));
        letters.addAll(notifications.reminder(set));
      }
    }
    List<InsertPart> inserts = new ArrayList<>(alsoInsert);
    inserts.add(outbox.writes(letters));
    inserts.add(audit.rows(trail));
    inserts.add(ownActions(actor, set, trail));
    joint.run(inserts.toArray(InsertPart[]::new));
  }

  /** The steps that are a customer's own hand-over actions, for their security log. */
  private static final Map<String, SecurityReason> OWN_ACTIONS =
      Map.of(
          "change.requested", SecurityReason.changeRequested,
          "party.accepted", SecurityReason.changeAccepted,
          "party.refused", SecurityReason.changeRefused,
          "change.aborted", SecurityReason.changeAborted);

  /** The customer's own hand-over actions among the step's audit rows, for their security log. */
  private InsertPart ownActions(Actor actor, ChangeSet set, List<AuditLog.Entry> trail) {
    List<SecurityLog.Details> lines =
        actor.kind() != Actor.Kind.customer || actor.id() == null
            ? List.of()
            : trail.stream()
                .map(AuditLog.Entry::action)
                .filter(OWN_ACTIONS::containsKey)
                .distinct()
                .map(action -> SecurityLog.Details.because(OWN_ACTIONS.get(action), set.id()))
                .toList();
    return lines.isEmpty()
        ? InsertPart.none()
        : securityLog.lines(actor.nic(), SecurityEvent.handOver, lines);
  }

  private static AuditLog.Entry entry(Actor actor, String action, ChangeSet set, String detail) {
    return new AuditLog.Entry(actor, action, AuditSubject.of(single(set), set.id()), detail);
  }

  private List<Outbox.Letter> answered(
      List<AuditLog.Entry> trail, ChangeSet set, Actor actor, SetEvent.Answered a) {
    boolean accepted = a.answer() == PartyStatus.accepted;
    trail.add(entry(actor, accepted ? "party.accepted" : "party.refused", set, null));
    if (accepted) {
      publish("contactChange.accepted", set, a.nic().value());
      if (set.state() == ChangeState.validatingByCustomers) {
        return notifications.partyAccepted(set, a.nic());
      }
    }
    return List.of();
  }

  private List<Outbox.Letter> ended(
      List<AuditLog.Entry> trail, ChangeSet set, Actor actor, SetEvent.Moved m) {
    auditEachItem(trail, set, actor, "change." + m.to().name(), transition(m) + " ");
    List<Outbox.Letter> letters = notifications.ended(set);
    if (set.state() == ChangeState.error) {
      return letters;
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
    return letters;
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
