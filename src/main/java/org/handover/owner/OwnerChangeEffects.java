package org.handover.owner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.audit.AuditLog;
import org.handover.audit.AuditSubject;
import org.handover.catalog.DomainOwner;
import org.handover.catalog.HostedService;
import org.handover.mail.MailKind;
import org.handover.system.Actor;
import org.springframework.stereotype.Component;

/**
 * Turns what happened to an owner change ({@link OwnerEvent}s) into its effects, in the caller's
 * transaction: one audit row per event, about the domain and the owner change, and the emails
 * (through {@link OwnerNotices}). The one place where a step's consequences are decided; the use
 * cases only move the change. A correction, applied at once without a change, is told here too.
 */
@Component
class OwnerChangeEffects {

  private final AuditLog audit;
  private final OwnerNotices notices;
  private final Accounts accounts;

  OwnerChangeEffects(AuditLog audit, OwnerNotices notices, Accounts accounts) {
    this.audit = audit;
    this.notices = notices;
    this.accounts = accounts;
  }

  /** Applies the effects of every event the change recorded since the last call. */
  void emit(OwnerChange c, Actor actor) {
    List<OwnerEvent> events = c.drainEvents();
    if (events.isEmpty()) {
      return;
    }
    Account admin = accounts.find(c.askedBy()).orElseThrow();
    for (OwnerEvent event : events) {
      if (event instanceof OwnerEvent.Requested r) {
        record(actor, "owner.change.requested", c, moved(c, "confirmations=" + c.parties().size()));
        for (OwnerEvent.Code code : r.codes()) {
          OwnerChange.Party party = c.party(code.registrant()).orElseThrow();
          notices.code(c, party, admin, code.link(), code.code());
        }
        notices.requested(c, admin);
      } else if (event instanceof OwnerEvent.Confirmed a) {
        record(actor, "owner.change.confirmed", c, "registrant=" + a.registrant().code());
      } else if (event instanceof OwnerEvent.Refused r) {
        record(actor, "owner.change.refused", c, "registrant=" + r.registrant().code() + reason(c));
        notices.ended(c, MailKind.OWNER_CHANGE_REFUSED, admin);
      } else if (event instanceof OwnerEvent.Applied a) {
        String lock =
            a.transferLockedUntil() == null
                ? null
                : "transferLockedUntil=" + a.transferLockedUntil();
        record(Actor.system(), "owner.change.applied", c, moved(c, lock));
        notices.ended(c, MailKind.OWNER_CHANGE_DONE, admin);
      } else if (event instanceof OwnerEvent.Expired) {
        record(Actor.system(), "owner.change.expired", c, null);
        notices.ended(c, MailKind.OWNER_CHANGE_EXPIRED, admin);
      } else if (event instanceof OwnerEvent.Cancelled) {
        record(actor, "owner.change.cancelled", c, reason(c).strip());
        notices.ended(c, MailKind.OWNER_CHANGE_CANCELLED, admin);
      }
    }
  }

  /** An address or phone correction (or a domain's first owner record) was applied at once. */
  void corrected(
      Actor actor, HostedService service, DomainOwner before, DomainOwner after, Account admin) {
    audit.record(
        actor, "owner.corrected", AuditSubject.of(service.id(), null), corrections(before, after));
    notices.corrected(service.name(), before, after, admin);
  }

  private void record(Actor actor, String action, OwnerChange c, String more) {
    String detail = "ownerChange=" + c.id() + (more == null || more.isEmpty() ? "" : " " + more);
    audit.record(actor, action, AuditSubject.ownerChange(c.serviceId(), c.id()), detail);
  }

  /** The registrant before and after, and what follows them. */
  private static String moved(OwnerChange c, String then) {
    return "from="
        + OwnerNotices.display(c.before())
        + " to="
        + OwnerNotices.display(c.after())
        + (then == null ? "" : " " + then);
  }

  private static String reason(OwnerChange c) {
    return c.endReason() == null ? "" : " reason=" + c.endReason();
  }

  private static String corrections(DomainOwner before, DomainOwner after) {
    if (before == null) {
      return "first owner record: " + OwnerNotices.display(after);
    }
    List<String> changed = new ArrayList<>();
    if (!Objects.equals(before.address(), after.address())) {
      changed.add("address");
    }
    if (!Objects.equals(before.phone(), after.phone())) {
      changed.add("phone");
    }
    return "changed: " + String.join(", ", changed);
  }
}
