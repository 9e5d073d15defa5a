package org.handover.owner;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.audit.AuditLog;
import org.handover.catalog.DomainOwner;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.HostedServices.ServiceNotFound;
import org.handover.catalog.ServiceType;
import org.handover.contact.ChangePolicy;
import org.handover.mail.MailKind;
import org.handover.owner.OwnerErrors.InvalidReason;
import org.handover.owner.OwnerErrors.NoOpenOwnerChange;
import org.handover.owner.OwnerErrors.NothingToChange;
import org.handover.owner.OwnerErrors.OwnerChangeAlreadyOpen;
import org.handover.owner.OwnerErrors.TooManyOwnerCodes;
import org.handover.owner.OwnerErrors.WrongOwnerCode;
import org.handover.system.Actor;
import org.handover.system.ConfirmationCode;
import org.handover.system.HandoverProperties;
import org.handover.system.Nic;
import org.handover.system.TextRules;
import org.handover.system.Throttle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The owner (registrant) of a domain: its contacts read it, its administrator corrects the address
 * or phone at once and asks for a change of name, organisation or email, which the current and the
 * new registrant confirm from their emails. Each step runs in one transaction with its audit rows
 * and emails.
 */
@Service
public class OwnerChanges {

  private static final int BATCH = 100;
  private static final int MAX_REASON = 500;

  private final OwnerChangeRepository repository;
  private final HostedServices services;
  private final Accounts accounts;
  private final ChangePolicy policy;
  private final OwnerNotices notices;
  private final AuditLog audit;
  private final Throttle throttle;
  private final HandoverProperties properties;
  private final OwnerSettings settings;
  private final Clock clock;
  private final TransactionTemplate tx;

  OwnerChanges(
      OwnerChangeRepository repository,
      HostedServices services,
      Accounts accounts,
      ChangePolicy policy,
      OwnerNotices notices,
      AuditLog audit,
      Throttle throttle,
      HandoverProperties properties,
      OwnerSettings settings,
      Clock clock,
      TransactionTemplate tx) {
    this.repository = repository;
    this.services = services;
    this.accounts = accounts;
    this.policy = policy;
    this.notices = notices;
    this.audit = audit;
    this.throttle = throttle;
    this.properties = properties;
    this.settings = settings;
    this.clock = clock;
    this.tx = tx;
  }

  /** A domain's owner record and its open change, as a contact of the domain sees them. */
  public record OwnerView(
      HostedService service, Optional<DomainOwner> owner, Optional<OwnerChange> openChange) {

    public boolean administeredBy(Nic nic) {
      return service.contacts().admin().equals(nic);
    }
  }

  /** What a submitted owner record led to. */
  public record Submitted(Optional<OwnerChange> change, DomainOwner owner) {

    /** Whether it was applied at once (a correction, or a domain's first owner record). */
    public boolean corrected() {
      return change.isEmpty();
    }
  }

  /** The owner record of a domain the viewer holds a role on. */
  public OwnerView view(Nic viewer, String domain) {
    return viewOf(services.requireVisibleTo(viewer, ServiceType.domain, domain));
  }

  /** Any domain's owner record, for operators. */
  public OwnerView view(String domain) {
    return viewOf(
        services
            .find(ServiceType.domain, domain)
            .orElseThrow(() -> new ServiceNotFound(ServiceType.domain, domain)));
  }

  private OwnerView viewOf(HostedService s) {
    return new OwnerView(
        s, services.ownerOf(s.id()), repository.openOn(s.id()).flatMap(repository::find));
  }

  /**
   * The administrator sends the owner record they want. A new name, organisation or email opens an
   * owner change both registrants must confirm; an address or phone correction (or a domain's first
   * owner record) applies at once. Either way the people concerned are emailed.
   */
  @Transactional
  public Submitted submit(Actor actor, String domain, DomainOwner typed) {
    HostedService visible = services.requireVisibleTo(actor.nic(), ServiceType.domain, domain);
    HostedService service = services.lock(visible.id());
    policy.onlyAdminEditsOwner(actor.nic(), service.name(), service.contacts());
    DomainOwner wanted = normalised(typed);
    HostedServices.requireValidOwner(wanted);
    Account admin = accounts.require(actor.nic());
    // While a change is open the record stays as it is: a correction now would be undone, or
    // silently kept, when the change is applied.
    Optional<Long> open = repository.openOn(service.id());
    if (open.isPresent()) {
      throw new OwnerChangeAlreadyOpen(open.get(), service.name());
    }
    Optional<DomainOwner> current = services.ownerOf(service.id());
    if (current.isEmpty() || !current.get().changesRegistrant(wanted)) {
      return new Submitted(Optional.empty(), correct(actor, service, current, wanted, admin));
    }
    return new Submitted(Optional.of(open(actor, service, current.get(), wanted, admin)), wanted);
  }

  private DomainOwner correct(
      Actor actor,
      HostedService service,
      Optional<DomainOwner> current,
      DomainOwner wanted,
      Account admin) {
    DomainOwner before = current.orElse(null);
    if (before != null
        && Objects.equals(before.address(), wanted.address())
        && Objects.equals(before.phone(), wanted.phone())) {
      throw new NothingToChange(service.name());
    }
    DomainOwner stored =
        new DomainOwner(
            before == null ? wanted.name() : before.name(),
            before == null ? wanted.organisation() : before.organisation(),
            before == null ? wanted.email() : before.email(),
            wanted.address(),
            wanted.phone(),
            null,
            before == null ? null : before.transferLockedUntil());
    services.replaceOwner(service.id(), stored);
    audit.record(actor, "owner.corrected", service.id(), null, corrections(before, stored));
    notices.corrected(service.name(), before, stored, admin);
    return stored;
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

  private OwnerChange open(
      Actor actor, HostedService service, DomainOwner current, DomainOwner wanted, Account admin) {
    Instant now = clock.instant();
    List<OwnerChangeRepository.NewParty> parties = new ArrayList<>();
    List<String[]> issued = new ArrayList<>();
    for (Registrant r : OwnerChange.partiesFor(current, wanted)) {
      String link = ConfirmationCode.generate().text().replace("-", "");
      ConfirmationCode code = ConfirmationCode.generate();
      String email = r == Registrant.current ? current.email() : wanted.email();
      parties.add(
          new OwnerChangeRepository.NewParty(
              r, email, ConfirmationCode.digestOf(link), code.digest()));
      issued.add(new String[] {r.code(), link, code.text()});
    }
    long id =
        repository.insert(
            service.id(),
            actor.nic(),
            current,
            wanted,
            now,
            now.plus(properties.change().expiry()),
            parties);
    OwnerChange c = repository.find(id).orElseThrow();
    audit.record(
        actor,
        "owner.change.requested",
        service.id(),
        null,
        "ownerChange="
            + id
            + " from="
            + OwnerNotices.display(current)
            + " to="
            + OwnerNotices.display(wanted)
            + " confirmations="
            + parties.size());
    for (String[] i : issued) {
      Registrant r = Registrant.ofCode(i[0]).orElseThrow();
      notices.code(c, c.party(r).orElseThrow(), admin, i[1], i[2]);
    }
    notices.requested(c, admin);
    return c;
  }

  /** The open change of a domain the viewer holds a role on. */
  public OwnerChange openChange(Nic viewer, String domain) {
    return view(viewer, domain).openChange().orElseThrow(() -> new NoOpenOwnerChange(domain));
  }

  /** The administrator cancels the open change: nothing changes, everyone is told. */
  @Transactional
  public OwnerChange cancel(Actor actor, String domain) {
    HostedService service = services.requireVisibleTo(actor.nic(), ServiceType.domain, domain);
    policy.onlyAdminEditsOwner(actor.nic(), service.name(), service.contacts());
    return end(actor, service, null);
  }

  /** An operator aborts the open change of any domain, with a reason. */
  @Transactional
  public OwnerChange abort(Actor operator, String domain, String reason) {
    HostedService service =
        services
            .find(ServiceType.domain, domain)
            .orElseThrow(() -> new ServiceNotFound(ServiceType.domain, domain));
    return end(operator, service, requireReason(reason));
  }

  private OwnerChange end(Actor actor, HostedService service, String why) {
    long id =
        repository.openOn(service.id()).orElseThrow(() -> new NoOpenOwnerChange(service.name()));
    OwnerChange c = repository.lock(id).orElseThrow();
    c.cancel(why, clock.instant());
    repository.update(c);
    audit.record(
        actor,
        "owner.change.cancelled",
        service.id(),
        null,
        "ownerChange=" + id + (why == null ? "" : " reason=" + why));
    notices.ended(c, MailKind.OWNER_CHANGE_CANCELLED, adminOf(c));
    return c;
  }

  /** The change a registrant's link points to, if the link is known. */
  public Optional<OwnerChange> byLink(String link) {
    if (link == null || link.length() > 100) {
      return Optional.empty();
    }
    return repository
        .byLink(ConfirmationCode.digestOf(link))
        .flatMap(e -> repository.find(e.getKey()));
  }

  /** Which registrant a link was issued to. */
  public Optional<Registrant> registrantOf(String link) {
    if (link == null || link.length() > 100) {
      return Optional.empty();
    }
    return repository.byLink(ConfirmationCode.digestOf(link)).map(Map.Entry::getValue);
  }

  /**
   * A registrant answers from the public page. An unknown link and a wrong code get the same
   * refusal; both are counted against the client address, and a wrong code against the registrant's
   * code (committed before the refusal). The last acceptance applies the change.
   */
  public OwnerChange answer(
      String link, String code, boolean accept, String reason, String clientAddress) {
    String key = "owner-code:" + clientAddress;
    if (throttle.isBlocked(key, properties.security().addressFailures())) {
      throw new TooManyOwnerCodes();
    }
    String why = accept ? null : optionalReason(reason);
    Optional<Map.Entry<Long, Registrant>> target =
        link == null || link.length() > 100
            ? Optional.empty()
            : repository.byLink(ConfirmationCode.digestOf(link));
    if (target.isEmpty()) {
      throttle.record(key);
      throw new WrongOwnerCode();
    }
    Actor visitor = Actor.visitor(clientAddress);
    Answered result =
        tx.execute(
            s -> {
              OwnerChange c = repository.lock(target.get().getKey()).orElseThrow();
              Registrant who = target.get().getValue();
              OwnerChange.Outcome outcome =
                  c.answer(
                      who,
                      code == null ? "" : code,
                      accept,
                      why,
                      clock.instant(),
                      properties.change().maxCodeFailures());
              repository.update(c);
              after(visitor, c, who, outcome);
              return new Answered(c, outcome);
            });
    if (result.outcome() == OwnerChange.Outcome.WRONG_CODE) {
      throttle.record(key);
      throw new WrongOwnerCode();
    }
    return result.change();
  }

  /** What one answer did, decided inside its transaction. */
  private record Answered(OwnerChange change, OwnerChange.Outcome outcome) {}

  private void after(Actor visitor, OwnerChange c, Registrant who, OwnerChange.Outcome outcome) {
    String detail = "ownerChange=" + c.id() + " registrant=" + who.code();
    switch (outcome) {
      case WRONG_CODE -> {}
      case REFUSED -> {
        audit.record(
            visitor,
            "owner.change.refused",
            c.serviceId(),
            null,
            detail + (c.endReason() == null ? "" : " reason=" + c.endReason()));
        notices.ended(c, MailKind.OWNER_CHANGE_REFUSED, adminOf(c));
      }
      case WAITING -> audit.record(visitor, "owner.change.confirmed", c.serviceId(), null, detail);
      case ALL_ACCEPTED -> {
        audit.record(visitor, "owner.change.confirmed", c.serviceId(), null, detail);
        apply(c);
      }
    }
  }

  /** Replaces the owner record, with the transfer lock when the provider sets one. */
  private void apply(OwnerChange c) {
    services.lock(c.serviceId());
    Instant now = clock.instant();
    Instant lockedUntil = settings.lock().map(now::plus).orElse(null);
    DomainOwner after = c.after();
    services.replaceOwner(
        c.serviceId(),
        new DomainOwner(
            after.name(),
            after.organisation(),
            after.email(),
            after.address(),
            after.phone(),
            null,
            lockedUntil));
    c.applied(now);
    repository.update(c);
    audit.record(
        Actor.system(),
        "owner.change.applied",
        c.serviceId(),
        null,
        "ownerChange="
            + c.id()
            + " from="
            + OwnerNotices.display(c.before())
            + " to="
            + OwnerNotices.display(after)
            + (lockedUntil == null ? "" : " transferLockedUntil=" + lockedUntil));
    notices.ended(c, MailKind.OWNER_CHANGE_DONE, adminOf(c));
  }

  /** Expires open changes past their deadline; returns how many. */
  public int expireDue() {
    Instant now = clock.instant();
    int expired = 0;
    for (long id : repository.dueForExpiry(now, BATCH)) {
      Boolean done =
          tx.execute(
              s -> {
                OwnerChange c = repository.lock(id).orElse(null);
                if (c == null || !c.isPastExpiry(now)) {
                  return false;
                }
                c.expire(now);
                repository.update(c);
                audit.record(
                    Actor.system(),
                    "owner.change.expired",
                    c.serviceId(),
                    null,
                    "ownerChange=" + id);
                notices.ended(c, MailKind.OWNER_CHANGE_EXPIRED, adminOf(c));
                return true;
              });
      expired += Boolean.TRUE.equals(done) ? 1 : 0;
    }
    return expired;
  }

  private Account adminOf(OwnerChange c) {
    return accounts.find(c.askedBy()).orElseThrow();
  }

  private static DomainOwner normalised(DomainOwner o) {
    return DomainOwner.of(
        strip(o.name()),
        blankToNull(o.organisation()),
        strip(o.email()),
        strip(o.address()),
        blankToNull(o.phone()));
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String optionalReason(String reason) {
    if (reason == null || reason.isBlank()) {
      return null;
    }
    return requireReason(reason);
  }

  private static String requireReason(String reason) {
    if (reason == null || reason.isBlank() || !TextRules.isMultiLine(reason.strip(), MAX_REASON)) {
      throw new InvalidReason();
    }
    return reason.strip();
  }
}
