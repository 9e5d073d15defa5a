package org.handover.change;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.handover.account.AccountNotices;
import org.handover.account.Accounts;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.Reassignment;
import org.handover.catalog.ServiceKey;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeErrors.ChangeClosed;
import org.handover.change.ChangeErrors.ChangeNotFound;
import org.handover.change.ChangeErrors.CodeAlreadyUsed;
import org.handover.change.ChangeErrors.CodeVoid;
import org.handover.change.ChangeErrors.OpenRequestConflict;
import org.handover.change.ChangeErrors.SetTooLarge;
import org.handover.change.ChangeErrors.WrongCode;
import org.handover.contact.AccountFacts;
import org.handover.contact.ChangePolicy;
import org.handover.contact.ContactRole;
import org.handover.contact.PlannedChange;
import org.handover.contact.PolicyViolation;
import org.handover.system.Actor;
import org.handover.system.ConfirmationCode;
import org.handover.system.HandoverException;
import org.handover.system.Nic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The change-set workflow, as the web UI, the API and the operator API call it: request (one
 * service's edit, or a bulk handover), accept, refuse, resend a code, cancel, abort, read. Each
 * call is one transaction; a refusal that must leave a trace (a wrong code, a set found expired)
 * commits that trace, then throws.
 *
 * <p>Transaction style (as everywhere in Handover): {@code @Transactional} on a method whose work
 * commits or rolls back whole; a {@link TransactionTemplate} only where a method must commit and
 * still refuse (the trace above), or needs several transactions.
 */
@Service
public class ContactChanges {

  /** The most services one set may hold. */
  public static final int MAX_SET_SERVICES = 10_000;

  private static final Logger log = LoggerFactory.getLogger(ContactChanges.class);

  private final ChangeStore store;
  private final ChangeRepository repository;
  private final HostedServices services;
  private final Accounts accounts;
  private final ChangePolicy policy;
  private final Clock clock;
  private final ChangeSettings settings;
  private final TransactionTemplate tx;
  private final AccountNotices notices;

  ContactChanges(
      ChangeStore store,
      ChangeRepository repository,
      HostedServices services,
      Accounts accounts,
      ChangePolicy policy,
      Clock clock,
      ChangeSettings settings,
      TransactionTemplate tx,
      AccountNotices notices) {
    this.store = store;
    this.repository = repository;
    this.services = services;
    this.accounts = accounts;
    this.policy = policy;
    this.clock = clock;
    this.settings = settings;
    this.tx = tx;
    this.notices = notices;
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

  /** A service left out of a set, and why, in the reader's language. */
  public record Excluded(ServiceKey service, HandoverException why) {}

  /** What a set would hold: the planned changes per service, and the services left out. */
  public record Preview(Map<ServiceKey, List<PlannedChange>> included, List<Excluded> excluded) {

    public int itemCount() {
      return included.values().stream().mapToInt(List::size).sum();
    }
  }

  // ---- request -------------------------------------------------------------------------

  /**
   * Asks for new contacts on one service: one set, one item per (current holder, new contact) pair.
   * A role asked for its current holder is no change. Empty when nothing changes.
   */
  public Optional<ChangeSet> request(
      Actor actor, ServiceType type, String name, Map<ContactRole, Nic> wanted) {
    HostedService service = services.requireVisibleTo(actor.nic(), type, name);
    if (changes(service, wanted).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(create(actor, List.of(service), wanted, false));
  }

  /**
   * Asks for the same new contacts on many services at once: one set. With {@code leaveOutRefused},
   * the services whose items the rules refuse are left out (the review page listed them); without,
   * the first refusal refuses the whole request.
   */
  public ChangeSet requestSet(
      Actor actor,
      Collection<ServiceKey> keys,
      Map<ContactRole, Nic> wanted,
      boolean leaveOutRefused) {
    return create(actor, visible(actor.nic(), keys, leaveOutRefused), wanted, leaveOutRefused);
  }

  /** The set a bulk handover would make, checked against the rules, without writing anything. */
  public Preview previewSet(
      Actor actor, Collection<ServiceKey> keys, Map<ContactRole, Nic> wanted) {
    List<Excluded> excluded = new ArrayList<>();
    List<HostedService> found = new ArrayList<>();
    Map<ServiceKey, HostedService> byKey = services.findAll(keys);
    for (ServiceKey key : keys) {
      HostedService s = byKey.get(key);
      if (s == null || s.contacts().rolesOf(actor.nic()).isEmpty()) {
        excluded.add(new Excluded(key, new HostedServices.ServiceNotFound(key.type(), key.name())));
      } else {
        found.add(s);
      }
    }
    Preview planned = plan(actor.nic(), found, wanted, true);
    excluded.addAll(planned.excluded());
    return new Preview(planned.included(), excluded);
  }

  /**
   * The items an edit of one service would create, checked against the rules and the open sets,
   * without writing anything: what the confirmation page shows.
   */
  public List<PlannedChange> preview(
      Actor actor, ServiceType type, String name, Map<ContactRole, Nic> wanted) {
    HostedService service = services.requireVisibleTo(actor.nic(), type, name);
    return plan(actor.nic(), List.of(service), wanted, false).included().values().stream()
        .findFirst()
        .orElse(List.of());
  }

  private List<HostedService> visible(Nic nic, Collection<ServiceKey> keys, boolean leaveOut) {
    if (keys.isEmpty() || keys.size() > MAX_SET_SERVICES) {
      throw new SetTooLarge(keys.size(), MAX_SET_SERVICES);
    }
    Map<ServiceKey, HostedService> found = services.findAll(keys);
    List<HostedService> visible = new ArrayList<>();
    for (ServiceKey key : keys) {
      HostedService s = found.get(key);
      if (s != null && !s.contacts().rolesOf(nic).isEmpty()) {
        visible.add(s);
      } else if (!leaveOut) {
        throw new HostedServices.ServiceNotFound(key.type(), key.name());
      }
    }
    return visible;
  }

  private ChangeSet create(
      Actor actor, List<HostedService> chosen, Map<ContactRole, Nic> wanted, boolean leaveOut) {
    List<HandoverException> refusals = new ArrayList<>();
    try {
      ChangeSet made =
          tx.execute(
              s -> {
                Instant now = clock.instant();
                List<HostedService> locked =
                    services.lockAll(chosen.stream().map(HostedService::id).toList());
                Preview planned = plan(actor.nic(), locked, wanted, leaveOut);
                planned.excluded().forEach(e -> refusals.add(e.why()));
                List<ChangeItem> items = new ArrayList<>();
                Map<Nic, Boolean> contacts = new LinkedHashMap<>();
                for (HostedService service : locked) {
                  List<PlannedChange> plans = planned.included().get(key(service));
                  if (plans == null) {
                    continue;
                  }
                  for (PlannedChange p : plans) {
                    items.add(
                        new ChangeItem(
                            0,
                            service.id(),
                            service.type(),
                            service.name(),
                            p.roles(),
                            p.from(),
                            p.to()));
                  }
                  contacts.merge(service.contacts().admin(), true, Boolean::logicalOr);
                  contacts.putIfAbsent(service.contacts().tech(), false);
                  contacts.putIfAbsent(service.contacts().billing(), false);
                }
                if (items.isEmpty()) {
                  throw planned.excluded().isEmpty()
                      ? new SetTooLarge(0, MAX_SET_SERVICES)
                      : planned.excluded().get(0).why();
                }
                Map<Nic, ConfirmationCode> codes = new LinkedHashMap<>();
                for (Nic party : ChangeSet.partiesOf(actor.nic(), items)) {
                  codes.put(party, ConfirmationCode.generate());
                }
                ChangeSet set =
                    ChangeSet.requested(
                        actor.nic(), items, contacts, codes, now, settings.expiry());
                return store.insert(set, actor, now);
              });
      tellIndebted(actor.nic(), refusals);
      return made;
    } catch (HandoverException refused) {
      tellIndebted(actor.nic(), refusals.isEmpty() ? List.of(refused) : refusals);
      throw refused;
    } catch (DuplicateKeyException raced) {
      // another set claimed a role meanwhile: name it, reading every service's claims at once
      Map<Long, Map<ContactRole, Long>> claims =
          repository.openClaimsOf(chosen.stream().map(HostedService::id).toList());
      for (HostedService service : chosen) {
        Map<ContactRole, Long> open = claims.getOrDefault(service.id(), Map.of());
        for (ContactRole role : wanted.keySet()) {
          if (open.containsKey(role)) {
            throw new OpenRequestConflict(open.get(role), role, service.name());
          }
        }
      }
      throw raced;
    }
  }

  /**
   * The asker is told only "a payment reason"; each other account whose overdue payments refused an
   * item is told by email (at most once a day, in its own transaction).
   */
  private void tellIndebted(Nic asker, List<HandoverException> refusals) {
    Set<Nic> told = new HashSet<>();
    for (HandoverException refusal : refusals) {
      ChangePolicy.standingRefusal(refusal)
          .filter(r -> !r.indebted().equals(asker) && told.add(r.indebted()))
          .ifPresent(
              r -> notices.debtBlockedChange(r.indebted(), asker, r.role().name(), r.service()));
    }
  }

  /**
   * Plans the items of each service under the rules and against the open sets: per service, the
   * roles whose new contact differs from the holder. With {@code leaveOut}, a refused service is
   * listed as excluded; without, its refusal is thrown.
   */
  private Preview plan(
      Nic asker, List<HostedService> chosen, Map<ContactRole, Nic> wanted, boolean leaveOut) {
    Set<Nic> known = new HashSet<>(wanted.values());
    known.add(asker);
    ChangePolicy.AccountLookup lookup = lookup(chosen, known);
    Map<Long, Map<ContactRole, Long>> open =
        repository.openClaimsOf(chosen.stream().map(HostedService::id).toList());
    Map<ServiceKey, List<PlannedChange>> included = new LinkedHashMap<>();
    List<Excluded> excluded = new ArrayList<>();
    for (HostedService service : chosen) {
      Map<ContactRole, Nic> changes = changes(service, wanted);
      try {
        // With nothing to change, the rules name the reason (the contact is already the one asked).
        List<PlannedChange> plans =
            policy.plan(
                asker,
                service.name(),
                service.contacts(),
                changes.isEmpty() ? wanted : changes,
                lookup);
        Map<ContactRole, Long> claims = open.getOrDefault(service.id(), Map.of());
        for (ContactRole role : changes.keySet()) {
          if (claims.containsKey(role)) {
            throw new OpenRequestConflict(claims.get(role), role, service.name());
          }
        }
        included.put(key(service), plans);
      } catch (HandoverException refused) {
        if (!leaveOut) {
          throw refused;
        }
        excluded.add(new Excluded(key(service), refused));
      }
    }
    return new Preview(included, excluded);
  }

  /** The roles whose wanted contact differs from the holder: the rest is no change. */
  private static Map<ContactRole, Nic> changes(
      HostedService service, Map<ContactRole, Nic> wanted) {
    Map<ContactRole, Nic> changes = new EnumMap<>(ContactRole.class);
    wanted.forEach(
        (role, nic) -> {
          if (!service.contacts().holder(role).equals(nic)) {
            changes.put(role, nic);
          }
        });
    return changes;
  }

  /** How each role of a service looks to the viewer on the edit page. */
  public List<RoleOption> roleOptions(Nic viewer, ServiceType type, String name) {
    HostedService service = services.requireVisibleTo(viewer, type, name);
    Map<ContactRole, Long> open = repository.openClaims(service.id());
    Set<ContactRole> changeable = policy.changeableRoles(viewer, service.contacts());
    ChangePolicy.AccountLookup accounts = lookup(List.of(service), List.of(viewer));
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

  /**
   * A party accepts the whole set with its code; the last acceptance re-checks every item and
   * applies them all. Accepting again with the code already used is a no-op (a client that accepts
   * each task of the set in turn).
   */
  public ChangeSet accept(Actor actor, long id, String code) {
    return answer(actor, id, code, true, null);
  }

  /** A party refuses with its code, and may say why; the set ends in {@code refused}. */
  public ChangeSet refuse(Actor actor, long id, String code, String why) {
    return answer(actor, id, code, false, why);
  }

  private ChangeSet answer(Actor actor, long id, String code, boolean accepting, String why) {
    try {
      return onOpenSet(
          actor.nic(),
          id,
          accepting,
          code,
          (set, now) -> answer(actor, set, now, code, accepting, why));
    } catch (HandoverException | TransientDataAccessException expected) {
      throw expected;
    } catch (RuntimeException unexpected) {
      endInError(id, unexpected);
      throw unexpected;
    }
  }

  private Outcome<ChangeSet> answer(
      Actor actor, ChangeSet set, Instant now, String code, boolean accepting, String why) {
    Nic nic = actor.nic();
    String issuedDigest = set.party(nic).map(Party::codeDigest).orElse(null);
    boolean everyoneAccepted = false;
    try {
      if (accepting) {
        everyoneAccepted = set.accept(nic, code, now, settings.maxCodeFailures());
      } else {
        set.refuse(nic, code, now, settings.maxCodeFailures(), why);
      }
    } catch (WrongCode | CodeVoid refusal) {
      repository.updateParty(set.id(), set.party(nic).orElseThrow());
      store.save(set, actor);
      return Outcome.refused(refusal);
    }
    if (!repository.consumeCode(set.id(), set.party(nic).orElseThrow(), issuedDigest)) {
      throw new CodeAlreadyUsed(set.id());
    }
    if (everyoneAccepted) {
      apply(set, now);
    }
    store.save(set, actor);
    return Outcome.of(set);
  }

  /**
   * {@code checkValidity → doing → done}, or {@code refused} when a rule no longer holds for some
   * item. Every item is judged against the contacts as they are now, before any is applied, so the
   * items of one set never defeat each other.
   */
  private void apply(ChangeSet set, Instant now) {
    List<HostedService> locked =
        services.lockAll(set.items().stream().map(ChangeItem::serviceId).toList());
    Map<Long, HostedService> byId = new HashMap<>();
    locked.forEach(s -> byId.put(s.id(), s));
    Set<Nic> known = new HashSet<>();
    known.add(set.asker());
    set.items().forEach(i -> known.add(i.to()));
    ChangePolicy.AccountLookup lookup = lookup(locked, known);
    for (ChangeItem item : set.items()) {
      HostedService service = byId.get(item.serviceId());
      try {
        policy.recheck(item.plan(set.asker()), service.name(), service.contacts(), lookup);
      } catch (PolicyViolation violation) {
        set.failCheck(Reason.of(violation), now);
        return;
      }
    }
    set.startApplying();
    List<Reassignment> moves =
        set.items().stream()
            .map(i -> new Reassignment(i.serviceId(), i.roles(), i.from(), i.to()))
            .toList();
    int changed = services.reassignAll(moves);
    if (changed != moves.size()) {
      // Impossible after the re-check under the same locks; rolls the whole set back.
      throw new IllegalStateException(
          "set " + set.id() + ": " + changed + " of " + moves.size() + " items applied");
    }
    set.markDone(now);
  }

  private void endInError(long id, RuntimeException cause) {
    log.error("Change set {} failed unexpectedly", id, cause);
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
      log.error("Could not record the failure of change set {}", id, again);
    }
  }

  // ---- codes and cancellation ------------------------------------------------------------

  /** Sends the calling party a new code; the old one stops working. Rate-limited. */
  public void resendCode(Actor actor, long id) {
    onOpenSet(
        actor.nic(),
        id,
        false,
        null,
        (set, now) -> {
          set.rotateCode(
              actor.nic(),
              ConfirmationCode.generate(),
              now,
              settings.resendInterval(),
              settings.resendDailyLimit());
          repository.updateParty(id, set.party(actor.nic()).orElseThrow());
          store.save(set, actor);
          return Outcome.of(set);
        });
  }

  /** The asker, or an administrator of one of its services, withdraws the set. */
  public ChangeSet cancel(Actor actor, long id) {
    return onOpenSet(
        actor.nic(),
        id,
        false,
        null,
        (set, now) -> {
          set.cancel(actor.nic(), now);
          store.save(set, actor);
          return Outcome.of(set);
        });
  }

  /** An operator ends an open set. */
  @Transactional
  public ChangeSet abort(Actor operator, long id, String reason) {
    ChangeSet set = store.lock(id).orElseThrow(() -> new ChangeNotFound(id));
    set.abort(reason == null || reason.isBlank() ? "-" : reason.strip(), clock.instant());
    store.save(set, operator);
    return set;
  }

  // ---- reading -------------------------------------------------------------------------

  /** A set the account is a member of, with all its items; {@link ChangeNotFound} otherwise. */
  public ChangeSet get(Nic viewer, long id) {
    return store.find(id).filter(c -> c.involves(viewer)).orElseThrow(() -> new ChangeNotFound(id));
  }

  /** The set of a task (an item), if the account is a member of it. */
  public long setOfTask(Nic viewer, long taskId) {
    return repository
        .setOfTaskForMember(taskId, viewer)
        .orElseThrow(() -> new ChangeNotFound(taskId));
  }

  /**
   * The sets among {@code setIds} the account is a member of: those whose page (and tasks) it may
   * see.
   */
  public Set<Long> setsWithMember(Nic nic, Collection<Long> setIds) {
    return repository.setsWithMember(nic, setIds);
  }

  /**
   * A task (an item) with its set, if the account is a member of the set: the set is read whole
   * (its members with it) and membership checked on what was read. Anyone else gets the same
   * not-found as for a task that does not exist.
   */
  public Map.Entry<ChangeSet, ChangeItem> task(Nic viewer, long taskId) {
    ChangeSet set =
        findByTask(taskId)
            .filter(s -> s.involves(viewer))
            .orElseThrow(() -> new ChangeNotFound(taskId));
    return Map.entry(set, set.item(taskId).orElseThrow(() -> new ChangeNotFound(taskId)));
  }

  /** Any set, for operators and tests. */
  public Optional<ChangeSet> find(long id) {
    return store.find(id);
  }

  /** The set of any task, whoever asks (callers check who may see it). */
  public Optional<ChangeSet> findByTask(long taskId) {
    return repository.findByTask(taskId);
  }

  /** A page of every task with its set, for operators; filters may be null. */
  public List<Map.Entry<ChangeSet, ChangeItem>> search(
      ChangeState state, String serviceName, Nic account, int page, int size) {
    List<Long> serviceIds = serviceName == null ? null : services.idsNamed(serviceName);
    return repository.searchTasks(
        state, serviceIds, account, Math.max(0, page), Math.max(1, Math.min(size, 500)));
  }

  /**
   * Deletes a service that has no open set, with the ended sets that touched it (the audit log
   * keeps their history).
   */
  @Transactional
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

  /**
   * One page of the sets the account is a member of, newest first, each with its first items; only
   * those waiting for the account's code when {@code awaitingMe}.
   */
  public List<ChangeSet> listInvolving(
      Nic nic, ChangeState state, boolean awaitingMe, Long beforeId, int limit) {
    return repository.involving(
        nic, state, awaitingMe, beforeId, Math.max(1, Math.min(limit, 200)));
  }

  /** How many open sets wait for the account's code. */
  public int awaitingCount(Nic nic) {
    return repository.awaitingCount(nic);
  }

  /** Of these services, the ones with an open set, and that set's id. */
  public Map<Long, Long> openSets(Collection<Long> serviceIds) {
    Map<Long, Long> open = new HashMap<>();
    repository
        .openClaimsOf(serviceIds)
        .forEach((service, claims) -> open.put(service, claims.values().iterator().next()));
    return open;
  }

  /** Ids of the tasks of the sets the account is a member of, newest first. */
  public List<Long> taskIdsInvolving(Nic nic, ChangeState state, Nic asking, Nic to) {
    return repository.taskIdsInvolving(nic, state, asking, to);
  }

  // ---- helpers -------------------------------------------------------------------------

  /**
   * Runs {@code step} in one transaction on the set, locked for a caller who is a member of it. A
   * set found past its expiry is expired instead: that is committed, then {@link ChangeClosed} is
   * thrown — unless the caller repeats an acceptance already made with this code, a no-op.
   */
  private <T> T onOpenSet(
      Nic caller,
      long id,
      boolean accepting,
      String code,
      BiFunction<ChangeSet, Instant, Outcome<T>> step) {
    return unwrap(
        tx.execute(
            s -> {
              Instant now = clock.instant();
              ChangeSet set = store.lockInvolving(caller, id);
              if (accepting && set.alreadyAcceptedWith(caller, code)) {
                @SuppressWarnings("unchecked")
                T same = (T) set;
                return Outcome.of(same);
              }
              if (set.isPastExpiry(now)) {
                set.expire(now);
                store.save(set, Actor.system());
                return Outcome.refused(new ChangeClosed(set.id(), ChangeState.expired));
              }
              return step.apply(set, now);
            }));
  }

  private static <T> T unwrap(Outcome<T> outcome) {
    if (outcome.refusal() != null) {
      throw outcome.refusal();
    }
    return outcome.value();
  }

  /** Facts of every contact of these services and of the extra accounts, read in one query. */
  private ChangePolicy.AccountLookup lookup(List<HostedService> chosen, Collection<Nic> extra) {
    Set<Nic> nics = new HashSet<>(extra);
    for (HostedService service : chosen) {
      for (ContactRole role : ContactRole.values()) {
        nics.add(service.contacts().holder(role));
      }
    }
    Map<Nic, AccountFacts> facts = new HashMap<>();
    accounts.findAll(nics).forEach((nic, account) -> facts.put(nic, AccountFacts.of(account)));
    return nic -> Optional.ofNullable(facts.get(nic));
  }

  private static ServiceKey key(HostedService s) {
    return new ServiceKey(s.type(), s.name());
  }
}
