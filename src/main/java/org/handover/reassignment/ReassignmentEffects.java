package org.handover.reassignment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.handover.audit.AuditLog;
import org.handover.audit.AuditSubject;
import org.handover.catalog.HostedService;
import org.handover.system.Actor;
import org.springframework.stereotype.Component;

/**
 * Turns what happened to a reassignment case ({@link ReassignmentEvent}s) into its effects, in the
 * caller's transaction: audit rows, one per service of the case (so each shows in that service's
 * history), and the emails (through {@link ReassignmentNotices}). The one place where a step's
 * consequences are decided; the use cases only move the case. The job's steps (applied, refused,
 * expired) are recorded as Handover's own, whoever runs them.
 */
@Component
class ReassignmentEffects {

  private final AuditLog audit;
  private final ReassignmentNotices notices;

  ReassignmentEffects(AuditLog audit, ReassignmentNotices notices) {
    this.audit = audit;
    this.notices = notices;
  }

  /**
   * Applies the effects of every event the case recorded since the last call; {@code services} are
   * the case's services as the step saw them (whose contacts are told).
   */
  void emit(ReassignmentCase c, Actor actor, Collection<HostedService> services) {
    List<AuditLog.Entry> trail = new ArrayList<>();
    for (ReassignmentEvent event : c.drainEvents()) {
      if (event instanceof ReassignmentEvent.Opened) {
        each(trail, c, actor, "case.opened", item -> opened(c));
      } else if (event instanceof ReassignmentEvent.Approved) {
        each(trail, c, actor, "case.approved", null);
      } else if (event instanceof ReassignmentEvent.CoolingOffStarted s) {
        flush(trail);
        notices.coolingOff(c, services, s.code());
      } else if (event instanceof ReassignmentEvent.Vetoed) {
        each(trail, c, actor, "case.vetoed", null);
        flush(trail);
        notices.ended(c, services, c.endReason());
      } else if (event instanceof ReassignmentEvent.Confirmed) {
        each(trail, c, actor, "case.confirmed", null);
      } else if (event instanceof ReassignmentEvent.Refused) {
        each(trail, c, Actor.system(), "case.refused", item -> c.endReason());
        flush(trail);
        notices.ended(c, services, c.endReason());
      } else if (event instanceof ReassignmentEvent.Applied) {
        each(trail, c, Actor.system(), "case.applied", item -> applied(c, item));
        flush(trail);
        notices.applied(c, services);
      } else if (event instanceof ReassignmentEvent.Expired) {
        each(trail, c, Actor.system(), "case.expired", null);
        flush(trail);
        notices.ended(c, services, c.endReason());
      }
    }
    flush(trail);
  }

  /**
   * One row per service of the case, about that service and the case, in the case's order; {@code
   * more} adds to the detail text. The rows of an opened and of an applied case also name the role
   * and the accounts it moves.
   */
  private static void each(
      List<AuditLog.Entry> trail,
      ReassignmentCase c,
      Actor actor,
      String action,
      Function<ReassignmentCase.Item, String> more) {
    boolean opened = action.equals("case.opened");
    boolean moving = opened || action.equals("case.applied");
    for (ReassignmentCase.Item item : c.items()) {
      AuditSubject subject = AuditSubject.reassignment(item.serviceId(), c.id());
      if (moving) {
        // the role moves to the new contact; from whom is known once the case is applied
        subject =
            subject.moving(c.role().name(), opened ? null : item.fromContact(), c.newContact());
      }
      String detail = "case=" + c.id() + (more == null ? "" : " " + more.apply(item));
      trail.add(new AuditLog.Entry(actor, action, subject, detail));
    }
  }

  private void flush(List<AuditLog.Entry> trail) {
    if (!trail.isEmpty()) {
      audit.recordAll(List.copyOf(trail));
      trail.clear();
    }
  }

  private static String opened(ReassignmentCase c) {
    return "role=" + c.role() + " to=" + c.newContact().value() + " evidence=" + c.evidence();
  }

  private static String applied(ReassignmentCase c, ReassignmentCase.Item item) {
    return "role="
        + c.role()
        + " from="
        + item.fromContact().value()
        + " to="
        + c.newContact().value()
        + " openedBy="
        + c.openedBy().id()
        + " approvedBy="
        + (c.approvedBy() == null ? "-" : c.approvedBy().id())
        + " evidence="
        + c.evidence();
  }
}
