package org.handover.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.audit.AuditLog;
import org.handover.audit.AuditSubject;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/**
 * The consequences of every policy event, in the caller's transaction: one audit row per named
 * service (so that it shows in that service's history; a glob gets one row without a service), and
 * emails — the grantees concerned get their own words ({@code ACCESS_GRANTED}, …), the contacts of
 * the services reached get a notice ({@code ACCESS_GRANTED_NOTICE}, …).
 */
@Component
class AccessNotices {

  private final AuditLog audit;
  private final Outbox outbox;
  private final Accounts accounts;
  private final HostedServices services;

  AccessNotices(AuditLog audit, Outbox outbox, Accounts accounts, HostedServices services) {
    this.audit = audit;
    this.outbox = outbox;
    this.accounts = accounts;
    this.services = services;
  }

  /**
   * Records and tells one event of a policy, about some of its grantees and resources (an end may
   * concern one grantee, or one service, only).
   */
  void tell(
      AccessEvent event, Policy p, List<Nic> grantees, List<ResourceRef> resources, Actor by) {
    List<AuditLog.Entry> trail = new ArrayList<>();
    String detail = detail(p, grantees);
    Map<ResourceRef, HostedService> reached = new LinkedHashMap<>();
    for (ResourceRef r : resources) {
      HostedService s = r.isGlob() ? null : services.find(r.type(), r.name()).orElse(null);
      reached.put(r, s);
      AuditSubject subject = AuditSubject.of(s == null ? null : s.id(), null).to(grantees);
      trail.add(new AuditLog.Entry(by, event.auditAction(), subject, detail));
    }
    audit.recordAll(trail);
    if (resources.isEmpty() || grantees.isEmpty()) {
      return;
    }
    Set<Nic> contacts = new LinkedHashSet<>();
    contacts.add(p.owner());
    reached.values().stream()
        .filter(s -> s != null)
        .forEach(
            s -> {
              contacts.add(s.contacts().admin());
              contacts.add(s.contacts().tech());
              contacts.add(s.contacts().billing());
            });
    contacts.removeAll(grantees);
    Set<Nic> everyone = new LinkedHashSet<>(grantees);
    everyone.addAll(contacts);
    Map<Nic, Account> known = accounts.findAll(everyone);
    ResourceRef first = resources.get(0);
    List<Outbox.Letter> letters = new ArrayList<>();
    for (Nic nic : everyone) {
      Account a = known.get(nic);
      if (a == null) {
        continue;
      }
      boolean grantee = grantees.contains(nic);
      var mail =
          new AccessMail(
              a.displayName(),
              first.name(),
              first.type().name(),
              resources.size(),
              p.owner().value(),
              String.join(", ", grantees.stream().map(Nic::value).toList()),
              p.name(),
              p.id(),
              event.isEnd() ? "access.reason." + event.name() : null,
              nic.equals(p.owner()) && !event.isEnd() ? "owner" : null);
      letters.add(new Outbox.Letter(kind(event, grantee), a.recipient(), mail, null));
    }
    outbox.enqueueAll(letters);
  }

  private static MailKind kind(AccessEvent event, boolean grantee) {
    String base =
        switch (event) {
          case granted -> "ACCESS_GRANTED";
          case changed -> "ACCESS_CHANGED";
          default -> "ACCESS_ENDED";
        };
    return MailKind.valueOf(grantee ? base : base + "_NOTICE");
  }

  /** The audit detail: the policy, its grantees concerned and what it allows. */
  static String detail(Policy p, List<Nic> grantees) {
    String text =
        "policy="
            + p.id()
            + " grantees="
            + String.join(",", grantees.stream().map(Nic::value).toList())
            + " allow="
            + String.join(",", p.allowed());
    return text.length() > 1000 ? text.substring(0, 1000) : text;
  }
}
