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
import org.handover.account.AccountNotices;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceKey;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeErrors.OpenRequestConflict;
import org.handover.change.ChangeErrors.SetTooLarge;
import org.handover.contact.ChangePolicy;
import org.handover.contact.ContactRole;
import org.handover.contact.PlannedChange;
import org.handover.system.Actor;
import org.handover.system.ConfirmationCode;
import org.handover.system.HandoverException;
import org.handover.system.HandoverProperties;
import org.handover.system.Nic;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asks for new contacts: one service's edit, or the same roles of many services at once (a bulk
 * handover); either way one change set, whose parties each get one code by email.
 *
 * <p>Validate (the services the asker holds a role on) → load (the services, locked) → verify (the
 * rules and the open sets, per service) → mutate (the items, one fresh code per party) → record
 * (the set, its claims and effects, through {@link ChangeSets}) → respond (the set). The request
 * runs in one transaction; afterwards, in their own, the accounts whose overdue payments refused an
 * item are told (a {@link TransactionTemplate}, since the request may have rolled back).
 *
 * <p>Errors: {@link HostedServices.ServiceNotFound} for a service the asker holds no role on; a
 * {@code PolicyViolation} for a rule that refuses; {@link OpenRequestConflict} for a role another
 * open set holds (also when a set claimed it meanwhile); {@link SetTooLarge} for no service or more
 * than {@value #MAX_SET_SERVICES}.
 */
@Service
public class RequestChanges {

  /** The most services one set may hold. */
  public static final int MAX_SET_SERVICES = 10_000;

  private final HostedServices services;
  private final ChangePlanner planner;
  private final ChangeSets sets;
  private final ChangeRepository repository;
  private final AccountNotices notices;
  private final Clock clock;
  private final HandoverProperties.Change settings;
  private final TransactionTemplate tx;

  RequestChanges(
      HostedServices services,
      ChangePlanner planner,
      ChangeSets sets,
      ChangeRepository repository,
      AccountNotices notices,
      Clock clock,
      HandoverProperties properties,
      TransactionTemplate tx) {
    this.services = services;
    this.planner = planner;
    this.sets = sets;
    this.repository = repository;
    this.notices = notices;
    this.clock = clock;
    this.settings = properties.change();
    this.tx = tx;
  }

  /**
   * Asks for new contacts on one service: one set, one item per (current holder, new contact) pair.
   * A role asked for its current holder is no change. Empty when nothing changes.
   */
  public Optional<ChangeSet> request(
      Actor actor, ServiceType type, String name, WantedContacts wanted) {
    HostedService service = services.requireVisibleTo(actor.nic(), type, name);
    if (wanted.changesFrom(service.contacts()).isEmpty()) {
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
      Actor actor, Collection<ServiceKey> keys, WantedContacts wanted, boolean leaveOutRefused) {
    return create(actor, visible(actor.nic(), keys, leaveOutRefused), wanted, leaveOutRefused);
  }

  /** The services among {@code keys} the asker holds a role on; the others refused or left out. */
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

  /** Makes the set in one transaction; then tells the indebted accounts its refusals concern. */
  private ChangeSet create(
      Actor actor, List<HostedService> chosen, WantedContacts wanted, boolean leaveOut) {
    List<HandoverException> refusals = new ArrayList<>();
    try {
      ChangeSet made = tx.execute(s -> insert(actor, chosen, wanted, leaveOut, refusals));
      tellIndebted(actor.nic(), refusals);
      return made;
    } catch (HandoverException refused) {
      tellIndebted(actor.nic(), refusals.isEmpty() ? List.of(refused) : refusals);
      throw refused;
    } catch (DuplicateKeyException raced) {
      throw conflictNamed(chosen, wanted, raced);
    }
  }

  /** Load, verify, mutate, record: the request's transaction. */
  private ChangeSet insert(
      Actor actor,
      List<HostedService> chosen,
      WantedContacts wanted,
      boolean leaveOut,
      List<HandoverException> refusals) {
    Instant now = clock.instant();
    List<HostedService> locked = services.lockAll(chosen.stream().map(HostedService::id).toList());
    SetPreview planned = planner.plan(actor.nic(), locked, wanted, leaveOut);
    planned.excluded().forEach(e -> refusals.add(e.why()));
    List<ChangeItem> items = new ArrayList<>();
    Map<Nic, Boolean> contacts = new LinkedHashMap<>();
    for (HostedService service : locked) {
      List<PlannedChange> plans = planned.included().get(ChangePlanner.key(service));
      if (plans != null) {
        plans.forEach(p -> items.add(item(service, p)));
        contacts.merge(service.contacts().admin(), true, Boolean::logicalOr);
        contacts.putIfAbsent(service.contacts().tech(), false);
        contacts.putIfAbsent(service.contacts().billing(), false);
      }
    }
    if (items.isEmpty()) {
      throw planned.excluded().isEmpty()
          ? new SetTooLarge(0, MAX_SET_SERVICES)
          : planned.excluded().get(0).why();
    }
    Map<Nic, ConfirmationCode> codes = new LinkedHashMap<>();
    for (Nic party : SetItems.partiesOf(actor.nic(), items)) {
      codes.put(party, ConfirmationCode.generate());
    }
    ChangeSet set =
        ChangeSet.requested(actor.nic(), items, contacts, codes, now, settings.expiry());
    return sets.insert(set, actor, now);
  }

  private static ChangeItem item(HostedService service, PlannedChange p) {
    return new ChangeItem(
        0, service.id(), service.type(), service.name(), p.roles(), p.from(), p.to());
  }

  /** Another set claimed a role meanwhile: names it, reading every service's claims at once. */
  private RuntimeException conflictNamed(
      List<HostedService> chosen, WantedContacts wanted, DuplicateKeyException raced) {
    Map<Long, Map<ContactRole, Long>> claims =
        repository.openClaimsOf(chosen.stream().map(HostedService::id).toList());
    for (HostedService service : chosen) {
      Map<ContactRole, Long> open = claims.getOrDefault(service.id(), Map.of());
      for (ContactRole role : wanted.roles()) {
        if (open.containsKey(role)) {
          return new OpenRequestConflict(open.get(role), role, service.name());
        }
      }
    }
    return raced;
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
}
