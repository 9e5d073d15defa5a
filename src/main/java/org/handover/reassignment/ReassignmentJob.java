package org.handover.reassignment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.Reassignment;
import org.handover.contact.ChangePolicy;
import org.handover.contact.PolicyViolation;
import org.handover.system.Actor;
import org.handover.system.DueWork;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies cases whose cooling-off is over (after the rules are checked again against today's data,
 * which may refuse them) and expires overdue ones, on every instance: each case is handled in its
 * own transaction under its row lock and re-checked, so two instances never apply one twice.
 */
@Component
class ReassignmentJob extends DueWork {

  private static final int BATCH = 100;

  private final ReassignmentRepository repository;
  private final HostedServices services;
  private final CaseServices caseServices;
  private final ChangePolicy policy;
  private final ReassignmentEffects effects;

  ReassignmentJob(
      ReassignmentRepository repository,
      HostedServices services,
      CaseServices caseServices,
      ChangePolicy policy,
      ReassignmentEffects effects,
      ReassignmentSettings settings,
      Clock clock,
      TransactionTemplate tx) {
    super("Reassignment cases applied, refused or expired", BATCH, settings, clock, tx);
    this.repository = repository;
    this.services = services;
    this.caseServices = caseServices;
    this.policy = policy;
    this.effects = effects;
  }

  @Override
  protected List<Step<?>> steps() {
    return List.of(
        new Step<>(repository::dueForApply, repository::lock, ReassignmentCase::isDue, this::apply),
        new Step<>(
            repository::dueForExpiry,
            repository::lock,
            ReassignmentCase::isPastExpiry,
            this::expire));
  }

  /** Applies the case after the rules are checked again against today's data, or refuses it. */
  private void apply(ReassignmentCase c, Instant at) {
    List<HostedService> locked = new ArrayList<>();
    for (ReassignmentCase.Item item : c.items()) {
      locked.add(services.lock(item.serviceId()));
    }
    try {
      checkStillAllowed(c, locked);
    } catch (PolicyViolation refused) {
      c.refuse(refused.message(Locale.ENGLISH), at);
      repository.update(c);
      effects.emit(c, Actor.system(), locked);
      return;
    }
    services.reassignAll(
        c.items().stream()
            .map(
                i ->
                    new Reassignment(
                        i.serviceId(), Set.of(c.role()), i.fromContact(), c.newContact()))
            .toList());
    c.applied(at);
    repository.update(c);
    effects.emit(c, Actor.system(), locked);
  }

  /** The rules of an assisted reassignment, against each service's contacts as they are now. */
  private void checkStillAllowed(ReassignmentCase c, List<HostedService> locked) {
    for (int i = 0; i < locked.size(); i++) {
      HostedService s = locked.get(i);
      policy.checkAssisted(
          c.role(),
          c.items().get(i).fromContact(),
          c.newContact(),
          s.name(),
          s.contacts(),
          caseServices::facts);
    }
  }

  private void expire(ReassignmentCase c, Instant at) {
    c.expire(at);
    repository.update(c);
    effects.emit(c, Actor.system(), caseServices.current(c));
  }
}
