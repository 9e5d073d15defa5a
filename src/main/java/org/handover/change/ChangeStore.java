package org.handover.change;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.handover.change.ChangeErrors.ChangeNotFound;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads and saves change sets so that every save also applies the effects of what happened (through
 * {@link ChangeEffects}) and, when a set ends, releases its roles and voids its unused codes — in
 * one transaction.
 */
@Component
class ChangeStore {

  private final ChangeRepository repository;
  private final ChangeEffects effects;
  private final ChangeSettings settings;

  ChangeStore(ChangeRepository repository, ChangeEffects effects, ChangeSettings settings) {
    this.repository = repository;
    this.effects = effects;
    this.settings = settings;
  }

  Optional<ChangeSet> find(long id) {
    return repository.find(id);
  }

  /** Locks a set the account is a member of; {@link ChangeNotFound} for anyone else. */
  @Transactional(propagation = Propagation.MANDATORY)
  ChangeSet lockInvolving(Nic nic, long id) {
    return repository
        .lock(id)
        .filter(c -> c.involves(nic))
        .orElseThrow(() -> new ChangeNotFound(id));
  }

  @Transactional(propagation = Propagation.MANDATORY)
  Optional<ChangeSet> lock(long id) {
    return repository.lock(id);
  }

  /** Writes a new set with its items, parties, members and claims, then its effects. */
  @Transactional(propagation = Propagation.MANDATORY)
  ChangeSet insert(ChangeSet set, Actor actor, Instant now) {
    ChangeSet stored = repository.insert(set);
    stored.awaitCustomers(nextReminderAfter(stored.expiresAt(), now));
    save(stored, actor);
    return stored;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  void save(ChangeSet set, Actor actor) {
    repository.update(set);
    if (set.state().isFinal()) {
      repository.releaseClaims(set.id());
      repository.voidUnusedCodes(set.id());
    }
    effects.emit(set, actor);
  }

  /** When the next reminder is due after {@code t}, or null when none is left. */
  Instant nextReminderAfter(Instant expiresAt, Instant t) {
    List<Duration> offsets = settings.reminderOffsets();
    return offsets.stream()
        .map(expiresAt::minus)
        .filter(at -> at.isAfter(t))
        .min(Instant::compareTo)
        .orElse(null);
  }
}
