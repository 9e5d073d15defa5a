package org.handover.owner;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.handover.change.ChangeSettings;
import org.handover.system.Actor;
import org.handover.system.DueWork;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expires owner changes past their deadline (the change sets' {@code handover.change.expiry}, run
 * by their job's settings), each under its row lock and re-checked once locked (see {@link
 * DueWork}), so none ends twice.
 */
@Component
class OwnerChangeJob extends DueWork {

  private static final int BATCH = 100;

  private final OwnerChangeRepository repository;
  private final OwnerChangeEffects effects;

  OwnerChangeJob(
      OwnerChangeRepository repository,
      OwnerChangeEffects effects,
      ChangeSettings settings,
      Clock clock,
      TransactionTemplate tx) {
    super("Owner changes expired", BATCH, settings, clock, tx);
    this.repository = repository;
    this.effects = effects;
  }

  @Override
  protected List<Step<?>> steps() {
    return List.of(
        new Step<>(
            repository::dueForExpiry, repository::lock, OwnerChange::isPastExpiry, this::expire));
  }

  private void expire(OwnerChange c, Instant now) {
    c.expire(now);
    repository.update(c);
    effects.emit(c, Actor.system());
  }
}
