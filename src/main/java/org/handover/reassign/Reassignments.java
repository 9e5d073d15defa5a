package org.handover.reassign;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handover.account.Accounts;
import org.handover.audit.AuditLog;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.HostedServices.ServiceNotFound;
import org.handover.catalog.Reassignment;
import org.handover.catalog.ServiceType;
import org.handover.contact.AccountFacts;
import org.handover.contact.ChangePolicy;
import org.handover.contact.ContactRole;
import org.handover.contact.PolicyViolation;
import org.handover.reassign.CaseErrors.CaseConflict;
import org.handover.reassign.CaseErrors.CaseNotFound;
import org.handover.reassign.CaseErrors.InvalidCase;
import org.handover.reassign.CaseErrors.WrongCaseCode;
import org.handover.system.Actor;
import org.handover.system.ConfirmationCode;
import org.handover.system.Nic;
import org.handover.system.TextRules;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Assisted reassignment: staff open and approve cases, current contacts veto them, the new contact
 * confirms, and {@link #runDueWork} applies or expires them. Each step locks the case row and runs
 * in one transaction with its audit rows and emails.
 */
@Service
public class Reassignments {

  /** At most this many services in one case. */
  public static final int MAX_SERVICES = 100;

  private static final int BATCH = 100;

  private final CaseRepository repository;
  private final HostedServices services;
  private final Accounts accounts;
  private final ChangePolicy policy;
  private final CaseNotices notices;
  private final AuditLog audit;
  private final SupportSettings settings;
  private final Clock clock;
  private final TransactionTemplate tx;

  Reassignments(
      CaseRepository repository,
      HostedServices services,
      Accounts accounts,
      ChangePolicy policy,
      CaseNotices notices,
      AuditLog audit,
      SupportSettings settings,
      Clock clock,
      TransactionTemplate tx) {
    this.repository = repository;
    this.services = services;
    this.accounts = accounts;
    this.policy = policy;
    this.notices = notices;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
    this.tx = tx;
  }

  /**
   * Opens a case. Cases on the administrator role wait for a second staff member's approval; the
   * others start their cooling-off at once (contacts told, the new contact's code sent).
   */
  @Transactional
  public ReassignmentCase open(
      Actor staff,
      ServiceType type,
      List<String> names,
      ContactRole role,
      Nic newContact,
      String evidence,
      String reason) {
    if (role == null) {
      throw new InvalidCase("role");
    }
    String ev = required("evidence", evidence);
    String why = required("reason", reason);
    if (names == null || names.isEmpty() || names.size() > MAX_SERVICES) {
      throw new InvalidCase("services");
    }
    Map<Long, HostedService> found = new LinkedHashMap<>();
    for (String name : names) {
      HostedService service =
          services.find(type, name).orElseThrow(() -> new ServiceNotFound(type, name));
      found.put(service.id(), services.lock(service.id()));
    }
    List<ReassignmentCase.Item> items = new ArrayList<>();
    for (HostedService s : found.values()) {
      Nic holder = s.contacts().holder(role);
      policy.checkAssisted(role, holder, newContact, s.name(), s.contacts(), this::facts);
      Optional<Long> other = repository.openCaseOn(s.id(), role);
      if (other.isPresent()) {
        throw new CaseConflict(other.get(), s.name());
      }
      items.add(new ReassignmentCase.Item(s.id(), s.type().name(), s.name(), holder));
    }
    Instant now = clock.instant();
    CaseState first =
        ReassignmentCase.needsApproval(role) ? CaseState.awaitingApproval : CaseState.coolingOff;
    long id =
        repository.insert(
            role,
            newContact,
            ev,
            why,
            CaseState.awaitingApproval,
            ReassignmentCase.Staff.of(staff),
            now,
            now.plus(settings.expiry()),
            items);
    ReassignmentCase c = repository.find(id).orElseThrow();
    for (ReassignmentCase.Item item : items) {
      audit.record(
          staff,
          "case.opened",
          item.serviceId(),
          null,
          "case=" + id + " role=" + role + " to=" + newContact.value() + " evidence=" + ev);
    }
    if (first == CaseState.coolingOff) {
      startCoolingOff(c, found.values(), now);
    }
    return c;
  }

  /** A supervisor who did not open the case approves it; the cooling-off starts. */
  @Transactional
  public ReassignmentCase approve(Actor staff, long id) {
    ReassignmentCase c = repository.lock(id).orElseThrow(() -> new CaseNotFound(id));
    Instant now = clock.instant();
    ConfirmationCode code = ConfirmationCode.generate();
    c.approve(ReassignmentCase.Staff.of(staff), now, settings.coolingOff(), code);
    repository.update(c);
    for (ReassignmentCase.Item item : c.items()) {
      audit.record(staff, "case.approved", item.serviceId(), null, "case=" + id);
    }
    notices.coolingOff(c, current(c), code);
    return c;
  }

  private void startCoolingOff(ReassignmentCase c, Collection<HostedService> now, Instant at) {
    ConfirmationCode code = ConfirmationCode.generate();
    c.startCoolingOff(at, settings.coolingOff(), code);
    repository.update(c);
    notices.coolingOff(c, now, code);
  }

  /** A current contact of one of the case's services objects: the case ends, nothing changes. */
  @Transactional
  public ReassignmentCase veto(Actor customer, long id) {
    ReassignmentCase c = repository.lock(id).orElseThrow(() -> new CaseNotFound(id));
    List<HostedService> now = current(c);
    if (!isCurrentContact(customer.nic(), now)) {
      throw new CaseNotFound(id);
    }
    c.veto(customer.nic(), clock.instant());
    repository.update(c);
    for (ReassignmentCase.Item item : c.items()) {
      audit.record(customer, "case.vetoed", item.serviceId(), null, "case=" + id);
    }
    notices.ended(c, now, c.endReason());
    return c;
  }

  /**
   * The new contact confirms with their code. A wrong code is counted (and committed) before the
   * refusal; after too many the code is void.
   */
  public ReassignmentCase confirm(Actor customer, long id, String code) {
    ReassignmentCase c =
        tx.execute(
            s -> {
              ReassignmentCase locked = repository.lock(id).orElseThrow(() -> new CaseNotFound(id));
              if (!locked.newContact().equals(customer.nic())) {
                throw new CaseNotFound(id);
              }
              boolean ok =
                  locked.confirm(
                      code == null ? "" : code, clock.instant(), settings.maxCodeFailures());
              repository.update(locked);
              if (ok) {
                for (ReassignmentCase.Item item : locked.items()) {
                  audit.record(customer, "case.confirmed", item.serviceId(), null, "case=" + id);
                }
              }
              return locked;
            });
    if (c.confirmedAt() == null) {
      throw new WrongCaseCode();
    }
    return c;
  }

  /** A case the customer may see: the new contact, or a current or replaced contact. */
  public ReassignmentCase visibleTo(Nic nic, long id) {
    ReassignmentCase c = repository.find(id).orElseThrow(() -> new CaseNotFound(id));
    if (c.newContact().equals(nic) || c.replaces(nic) || isCurrentContact(nic, current(c))) {
      return c;
    }
    throw new CaseNotFound(id);
  }

  /** Whether the customer may veto this case now. */
  public boolean mayVeto(Nic nic, ReassignmentCase c) {
    return c.state().isOpen() && isCurrentContact(nic, current(c));
  }

  /** Any case, for staff. */
  public ReassignmentCase get(long id) {
    return repository.find(id).orElseThrow(() -> new CaseNotFound(id));
  }

  /** One page of cases for staff, newest first. */
  public List<ReassignmentCase> list(boolean openOnly, int page, int size) {
    return repository.list(openOnly, Math.max(0, page), Math.max(1, Math.min(size, 100)));
  }

  // ---- the scheduled work --------------------------------------------------------------------

  /** Expires overdue cases and applies those whose cooling-off is over; returns how many. */
  public int runDueWork() {
    Instant now = clock.instant();
    int handled = 0;
    for (long id : repository.dueForApply(now, BATCH)) {
      handled += Boolean.TRUE.equals(tx.execute(s -> apply(id, now))) ? 1 : 0;
    }
    for (long id : repository.dueForExpiry(now, BATCH)) {
      handled += Boolean.TRUE.equals(tx.execute(s -> expire(id, now))) ? 1 : 0;
    }
    return handled;
  }

  private boolean apply(long id, Instant now) {
    ReassignmentCase c = repository.lock(id).orElse(null);
    if (c == null || !c.isDue(now)) {
      return false;
    }
    List<HostedService> locked = new ArrayList<>();
    for (ReassignmentCase.Item item : c.items()) {
      locked.add(services.lock(item.serviceId()));
    }
    try {
      for (int i = 0; i < locked.size(); i++) {
        HostedService s = locked.get(i);
        policy.checkAssisted(
            c.role(),
            c.items().get(i).fromContact(),
            c.newContact(),
            s.name(),
            s.contacts(),
            this::facts);
      }
    } catch (PolicyViolation refused) {
      c.refuse(refused.message(Locale.ENGLISH), now);
      repository.update(c);
      for (ReassignmentCase.Item item : c.items()) {
        audit.record(
            Actor.system(),
            "case.refused",
            item.serviceId(),
            null,
            "case=" + id + " " + c.endReason());
      }
      notices.ended(c, locked, c.endReason());
      return true;
    }
    for (int i = 0; i < locked.size(); i++) {
      ReassignmentCase.Item item = c.items().get(i);
      audit.record(
          Actor.system(),
          "case.applied",
          item.serviceId(),
          null,
          "case="
              + id
              + " role="
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
              + c.evidence());
    }
    services.reassignAll(
        c.items().stream()
            .map(
                i ->
                    new Reassignment(
                        i.serviceId(), Set.of(c.role()), i.fromContact(), c.newContact()))
            .toList());
    c.applied(now);
    repository.update(c);
    notices.applied(c, locked);
    return true;
  }

  private boolean expire(long id, Instant now) {
    ReassignmentCase c = repository.lock(id).orElse(null);
    if (c == null || !c.isPastExpiry(now)) {
      return false;
    }
    c.expire(now);
    repository.update(c);
    for (ReassignmentCase.Item item : c.items()) {
      audit.record(Actor.system(), "case.expired", item.serviceId(), null, "case=" + id);
    }
    notices.ended(c, current(c), c.endReason());
    return true;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private List<HostedService> current(ReassignmentCase c) {
    return c.items().stream()
        .map(i -> services.find(i.serviceId()))
        .flatMap(Optional::stream)
        .toList();
  }

  private static boolean isCurrentContact(Nic nic, List<HostedService> services) {
    return services.stream().anyMatch(s -> !s.contacts().rolesOf(nic).isEmpty());
  }

  private Optional<AccountFacts> facts(Nic nic) {
    return accounts.find(nic).map(AccountFacts::of);
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank() || !TextRules.isMultiLine(value.strip(), 2000)) {
      throw new InvalidCase(field);
    }
    return value.strip();
  }
}
