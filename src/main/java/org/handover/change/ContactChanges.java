package org.handover.change;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handover.account.Accounts;
import org.handover.account.Nic;
import org.handover.audit.Actor;
import org.handover.audit.AuditLog;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeErrors.ChangeClosed;
import org.handover.change.ChangeErrors.ChangeNotFound;
import org.handover.change.ChangeErrors.CodeAlreadyUsed;
import org.handover.change.ChangeErrors.CodeVoid;
import org.handover.change.ChangeErrors.OpenRequestConflict;
import org.handover.change.ChangeErrors.WrongCode;
import org.handover.contact.AccountFacts;
import org.handover.contact.ChangePolicy;
import org.handover.contact.ContactRole;
import org.handover.contact.PlannedChange;
import org.handover.contact.PolicyViolation;
import org.handover.system.ConfirmationCode;
import org.handover.system.HandoverException;
import org.handover.system.HandoverProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The contact-change workflow, as the web UI, the API and the operator API call it: request,
 * accept, refuse, resend a code, cancel, abort, read. Each call is one transaction; a refusal that
 * must leave a trace (a wrong code, a request found expired) commits that trace, then throws.
 */
@Service
public class ContactChanges {

  private static final Logger log = LoggerFactory.getLogger(ContactChanges.class);

  private final ChangeStore store;
  private final ChangeRepository repository;
  private final HostedServices services;
  private final Accounts accounts;
  private final ChangePolicy policy;
  private final ChangeNotifications notifications;
  private final AuditLog audit;
  private final Clock clock;
  private final HandoverProperties.Change settings;
  private final TransactionTemplate tx;

  ContactChanges(
      ChangeStore store,
      ChangeRepository repository,
      HostedServices services,
      Accounts accounts,
      ChangePolicy policy,
      ChangeNotifications notifications,
      AuditLog audit,
      Clock clock,
      HandoverProperties properties,
      TransactionTemplate tx) {
    this.store = store;
    this.repository = repository;
    this.services = services;
    this.accounts = accounts;
    this.policy = policy;
    this.notifications = notifications;
    this.audit = audit;
    this.clock = clock;
    this.settings = properties.change();
    this.tx = tx;
  }

  /** What a transaction decided: a result, or a refusal to throw once its trace is committed. */
  private record Outcome<T>(T value, HandoverException refusal) {
    static <T> Outcome<T> of(T value) {
      return new Outcome<>(value, null);
    }

    static <T> Outcome<T> refused(HandoverException refusal) {
      return new Outcome<>(null, refusal);
    }
  }

  // ---- request -------------------------------------------------------------------------

  /**
   * Asks for new contacts on a service: one request per (current holder, new contact) pair, each
   * party emailed its code, the replaced contact informed.
   */
  public List<ContactChange> request(
      Actor actor, ServiceType type, String name, Map<ContactRole, Nic> wanted) {
    HostedService service = services.requireVisibleTo(actor.nic(), type, name);
    try {
      return tx.execute(s -> create(actor, service.id(), wanted));
    } catch (DuplicateKeyException raced) {
      Optional<Map.Entry<ContactRole, Long>> claim =
          repository.openClaim(service.id(), wanted.keySet());
      if (claim.isEmpty()) {
        throw raced;
      }
      throw new OpenRequestConflict(claim.get().getValue(), claim.get().getKey(), name);
    }
  }

  private List<ContactChange> create(Actor actor, long serviceId, Map<ContactRole, Nic> wanted) {
    Instant now = clock.instant();
    HostedService service = services.lock(serviceId);
    Set<Nic> known = new HashSet<>(wanted.values());
    known.add(actor.nic());
    List<PlannedChange> plans =
        policy.plan(
            actor.nic(), service.name(), service.contacts(), wanted, lookup(service, known));
    for (PlannedChange plan : plans) {
      repository
          .openClaim(service.id(), plan.roles())
          .ifPresent(
              open -> {
                throw new OpenRequestConflict(open.getValue(), open.getKey(), service.name());
              });
    }
    List<ContactChange> created = new ArrayList<>();
    for (PlannedChange plan : plans) {
      Map<Nic, ConfirmationCode> codes = new LinkedHashMap<>();
      List<Party> parties = new ArrayList<>();
      for (Nic party : plan.parties()) {
        ConfirmationCode code = ConfirmationCode.generate();
        codes.put(party, code);
        parties.add(Party.awaiting(party, code.digest(), now));
      }
      ContactChange change =
          ContactChange.requested(
              plan, service.id(), service.type(), service.name(), now, settings.expiry(), parties);
      change.assignId(repository.insert(change));
      repository.claim(service.id(), plan.roles(), change.id());
      audit.record(actor, "change.requested", service.id(), change.id(), describe(change));
      notifications.created(change, codes);
      change.awaitCustomers(store.nextReminderAfter(change.expiresAt(), now));
      store.save(change, actor);
      store.publish("contactChange.created", change, Map.of());
      created.add(change);
    }
    return created;
  }

  /**
   * The requests an edit would create, checked against the rules and the open requests, without
   * writing anything: what the confirmation page shows.
   */
  public List<PlannedChange> preview(
      Actor actor, ServiceType type, String name, Map<ContactRole, Nic> wanted) {
    HostedService service = services.requireVisibleTo(actor.nic(), type, name);
    Set<Nic> known = new HashSet<>(wanted.values());
    known.add(actor.nic());
    List<PlannedChange> plans =
        policy.plan(
            actor.nic(), service.name(), service.contacts(), wanted, lookup(service, known));
    Map<ContactRole, Long> open = repository.openClaims(service.id());
    for (PlannedChange plan : plans) {
      for (ContactRole role : plan.roles()) {
        if (open.containsKey(role)) {
          throw new OpenRequestConflict(open.get(role), role, service.name());
        }
      }
    }
    return plans;
  }

  /** How each role of a service looks to the viewer on the edit page. */
  public List<RoleOption> roleOptions(Nic viewer, ServiceType type, String name) {
    HostedService service = services.requireVisibleTo(viewer, type, name);
    Map<ContactRole, Long> open = repository.openClaims(service.id());
    Set<ContactRole> changeable = policy.changeableRoles(viewer, service.contacts());
    ChangePolicy.AccountLookup accounts = lookup(service, Set.of(viewer));
    boolean viewerInGoodStanding =
        accounts.apply(viewer).map(AccountFacts::inGoodStanding).orElse(false);
    boolean admin = service.contacts().admin().equals(viewer);
    List<RoleOption> options = new ArrayList<>();
    for (ContactRole role : ContactRole.values()) {
      Nic holder = service.contacts().holder(role);
      String lock = null;
      if (!changeable.contains(role)) {
        lock = role == ContactRole.admin ? "edit.lock.adminOnly" : "edit.lock.notYours";
      } else if (open.containsKey(role)) {
        lock = "edit.lock.openRequest";
      } else if (policy.standingBlocks(role, holder, accounts)) {
        lock = holder.equals(viewer) ? "edit.lock.standing.yours" : "edit.lock.standing";
      }
      boolean assign =
          lock == null
              && admin
              && !holder.equals(viewer)
              && (viewerInGoodStanding || !policy.standingBlocks(role, viewer, accounts));
      options.add(new RoleOption(role, holder, lock == null, assign, lock, open.get(role)));
    }
    return options;
  }

  // ---- answers -------------------------------------------------------------------------

  /** A party accepts with its code; the last acceptance re-checks the rules and applies it. */
  public ContactChange accept(Actor actor, long id, String code) {
    return answer(actor, id, code, true, null);
  }

  /** A party refuses with its code; the request ends in {@code refused}. */
  public ContactChange refuse(Actor actor, long id, String code) {
    return refuse(actor, id, code, null);
  }

  /** As {@link #refuse(Actor, long, String)}, with the party's reason in its own words. */
  public ContactChange refuse(Actor actor, long id, String code, String why) {
    return answer(actor, id, code, false, why);
  }

  private ContactChange answer(Actor actor, long id, String code, boolean accepting, String why) {
    try {
      return unwrap(tx.execute(s -> answerInTransaction(actor, id, code, accepting, why)));
    } catch (HandoverException | TransientDataAccessException expected) {
      throw expected;
    } catch (RuntimeException unexpected) {
      endInError(id, unexpected);
      throw unexpected;
    }
  }

  private Outcome<ContactChange> answerInTransaction(
      Actor actor, long id, String code, boolean accepting, String why) {
    Instant now = clock.instant();
    Nic nic = actor.nic();
    ContactChange change = store.lockInvolving(nic, id);
    if (change.isPastExpiry(now)) {
      return expireNow(change, now);
    }
    String issuedDigest = change.party(nic).map(Party::codeDigest).orElse(null);
    boolean everyoneAccepted = false;
    try {
      if (accepting) {
        everyoneAccepted = change.accept(nic, code, now, settings.maxCodeFailures());
      } else {
        change.refuse(nic, code, now, settings.maxCodeFailures(), why);
      }
    } catch (WrongCode | CodeVoid refusal) {
      Party party = change.party(nic).orElseThrow();
      repository.updateParty(id, party);
      audit.record(
          actor,
          "code.rejected",
          change.serviceId(),
          id,
          "failedAttempts="
              + party.failedAttempts()
              + (refusal instanceof CodeVoid ? " void" : ""));
      return Outcome.refused(refusal);
    }
    if (!repository.consumeCode(id, change.party(nic).orElseThrow(), issuedDigest)) {
      throw new CodeAlreadyUsed(id);
    }
    audit.record(
        actor, accepting ? "party.accepted" : "party.refused", change.serviceId(), id, null);
    if (accepting) {
      store.publish("contactChange.accepted", change, Map.of("party", nic.value()));
    }
    if (everyoneAccepted) {
      apply(change, now);
    } else if (accepting) {
      notifications.partyAccepted(change, nic);
    }
    store.save(change, actor);
    return Outcome.of(change);
  }

  /** {@code checkValidity → doing → done}, or {@code refused} when a rule no longer holds. */
  private void apply(ContactChange change, Instant now) {
    HostedService service = services.lock(change.serviceId());
    Set<Nic> known = new HashSet<>(List.of(change.asker(), change.to()));
    try {
      policy.recheck(change.plan(), service.name(), service.contacts(), lookup(service, known));
    } catch (PolicyViolation violation) {
      change.failCheck(Reason.of(violation), now);
      return;
    }
    change.startApplying();
    if (!services.reassign(service.id(), change.roles(), change.from(), change.to())) {
      change.fail(Reason.of("reason.applyFailed"), now);
      return;
    }
    change.markDone(now);
  }

  private void endInError(long id, RuntimeException cause) {
    log.error("Contact change {} failed unexpectedly", id, cause);
    try {
      tx.executeWithoutResult(
          s ->
              store
                  .lock(id)
                  .filter(c -> c.state().isOpen())
                  .ifPresent(
                      c -> {
                        c.fail(
                            Reason.of("reason.unexpected", cause.getClass().getSimpleName()),
                            clock.instant());
                        store.save(c, Actor.system());
                      }));
    } catch (RuntimeException again) {
      log.error("Could not record the failure of contact change {}", id, again);
    }
  }

  // ---- codes and cancellation ------------------------------------------------------------

  /** Sends the calling party a new code; the old one stops working. Rate-limited. */
  public void resendCode(Actor actor, long id) {
    unwrap(
        tx.execute(
            s -> {
              Instant now = clock.instant();
              ContactChange change = store.lockInvolving(actor.nic(), id);
              if (change.isPastExpiry(now)) {
                return expireNow(change, now);
              }
              ConfirmationCode code = ConfirmationCode.generate();
              change.rotateCode(
                  actor.nic(),
                  code.digest(),
                  now,
                  settings.resendInterval(),
                  settings.resendDailyLimit());
              repository.updateParty(id, change.party(actor.nic()).orElseThrow());
              audit.record(actor, "code.resent", change.serviceId(), id, null);
              notifications.resent(change, actor.nic(), code);
              return Outcome.of(change);
            }));
  }

  /** The asker withdraws their request; everyone involved is told. */
  public ContactChange cancel(Actor actor, long id) {
    return unwrap(
        tx.execute(
            s -> {
              Instant now = clock.instant();
              ContactChange change = store.lockInvolving(actor.nic(), id);
              if (change.isPastExpiry(now)) {
                return expireNow(change, now);
              }
              change.cancel(actor.nic(), now);
              store.save(change, actor);
              return Outcome.of(change);
            }));
  }

  /** An operator ends an open request. */
  public ContactChange abort(Actor operator, long id, String reason) {
    return unwrap(
        tx.execute(
            s -> {
              ContactChange change = store.lock(id).orElseThrow(() -> new ChangeNotFound(id));
              change.abort(
                  reason == null || reason.isBlank() ? "-" : reason.strip(), clock.instant());
              store.save(change, operator);
              return Outcome.of(change);
            }));
  }

  // ---- reading -------------------------------------------------------------------------

  /** A request the account is involved in; {@link ChangeNotFound} otherwise. */
  public ContactChange get(Nic viewer, long id) {
    return store.find(id).filter(c -> c.involves(viewer)).orElseThrow(() -> new ChangeNotFound(id));
  }

  /** Any request, for operators and tests. */
  public Optional<ContactChange> find(long id) {
    return store.find(id);
  }

  /** A page of every request, for operators; filters may be null. */
  public List<ContactChange> search(
      ChangeState state, String serviceName, Nic account, int page, int size) {
    List<Long> serviceIds = serviceName == null ? null : services.idsNamed(serviceName);
    return repository.search(
        state, serviceIds, account, Math.max(0, page), Math.max(1, Math.min(size, 500)));
  }

  /**
   * Deletes a service that has no open request, with its ended requests (the audit log keeps their
   * history).
   */
  @org.springframework.transaction.annotation.Transactional
  public void deleteService(Actor operator, ServiceType type, String name) {
    HostedService service =
        services.find(type, name).orElseThrow(() -> new HostedServices.ServiceNotFound(type, name));
    services.lock(service.id());
    Map<ContactRole, Long> open = repository.openClaims(service.id());
    if (!open.isEmpty()) {
      var first = open.entrySet().iterator().next();
      throw new OpenRequestConflict(first.getValue(), first.getKey(), name);
    }
    repository.purgeEnded(service.id());
    services.delete(service.id(), operator);
  }

  /** One page of the requests the account is involved in, newest first. */
  public List<ContactChange> listInvolving(Nic nic, ChangeState state, Long beforeId, int limit) {
    return repository.involving(nic, state, beforeId, Math.max(1, Math.min(limit, 200)));
  }

  /** Ids of the requests the account asked for, hands over or receives, newest first. */
  public List<Long> idsInvolving(Nic nic, ChangeState state, Nic asking, Nic to) {
    return repository.idsInvolving(nic, state, asking, to);
  }

  // ---- helpers -------------------------------------------------------------------------

  private Outcome<ContactChange> expireNow(ContactChange change, Instant now) {
    change.expire(now);
    store.save(change, Actor.system());
    return Outcome.refused(new ChangeClosed(change.id(), ChangeState.expired));
  }

  private static <T> T unwrap(Outcome<T> outcome) {
    if (outcome.refusal() != null) {
      throw outcome.refusal();
    }
    return outcome.value();
  }

  private ChangePolicy.AccountLookup lookup(HostedService service, Collection<Nic> extra) {
    Set<Nic> nics = new HashSet<>(extra);
    for (ContactRole role : ContactRole.values()) {
      nics.add(service.contacts().holder(role));
    }
    Map<Nic, AccountFacts> facts = new LinkedHashMap<>();
    accounts.findAll(nics).forEach((nic, account) -> facts.put(nic, AccountFacts.of(account)));
    return nic -> Optional.ofNullable(facts.get(nic));
  }

  private static String describe(ContactChange c) {
    return ContactRole.encode(c.roles()) + " " + c.from() + " -> " + c.to();
  }
}
