package org.handover.change;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.Reassignment;
import org.handover.change.ChangeErrors.ChangeClosed;
import org.handover.change.ChangeErrors.CodeVoid;
import org.handover.change.ChangeErrors.WrongCode;
import org.handover.contact.ChangePolicy;
import org.handover.contact.PolicyViolation;
import org.handover.system.Actor;
import org.handover.system.HandoverProperties;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One answer to a change set, in one transaction ({@link AnswerChange} is its entry point): load
 * (the set, locked, for a member) → verify (not a repeat; not past its deadline) → mutate (the
 * party's answer; after the last acceptance, the re-check and the new contacts) → record (saved,
 * with its effects, through {@link ChangeSets}) → respond (the set).
 *
 * <p>A refusal that leaves a trace commits it: a wrong or void code (the failure counted and
 * audited) and a set found past its deadline (expired) are saved, then refused; the transaction
 * does not roll back for them ({@code noRollbackFor}).
 */
@Component
class AnswerFlow {

  private final ChangeSets sets;
  private final HostedServices services;
  private final ChangePlanner planner;
  private final ChangePolicy policy;
  private final Clock clock;
  private final HandoverProperties.Change settings;

  AnswerFlow(
      ChangeSets sets,
      HostedServices services,
      ChangePlanner planner,
      ChangePolicy policy,
      Clock clock,
      HandoverProperties properties) {
    this.sets = sets;
    this.services = services;
    this.planner = planner;
    this.policy = policy;
    this.clock = clock;
    this.settings = properties.change();
  }

  @Transactional(noRollbackFor = {WrongCode.class, CodeVoid.class, ChangeClosed.class})
  ChangeSet answer(Actor actor, long id, String code, boolean accepting, String why) {
    Instant now = clock.instant();
    Nic nic = actor.nic();
    ChangeSet set = sets.lockInvolving(nic, id);
    if (accepting && set.alreadyAcceptedWith(nic, code)) {
      return set;
    }
    sets.refuseIfExpired(set, now);
    boolean everyoneAccepted = false;
    try {
      if (accepting) {
        everyoneAccepted = set.accept(nic, code, now, settings.maxCodeFailures());
      } else {
        set.refuse(nic, code, now, settings.maxCodeFailures(), why);
      }
    } catch (WrongCode | CodeVoid refusal) {
      sets.save(set, actor);
      throw refusal;
    }
    if (everyoneAccepted) {
      apply(set, now);
    }
    sets.save(set, actor);
    return set;
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
    ChangePolicy.AccountLookup lookup = planner.lookup(locked, known);
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
}
