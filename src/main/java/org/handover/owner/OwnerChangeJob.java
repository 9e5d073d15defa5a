package org.handover.owner;

import java.time.Clock;
import java.time.Instant;
import org.handover.change.ChangeSettings;
import org.handover.system.Actor;
import org.handover.system.DueWork;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expires owner changes past their deadline (the change sets' {@code handover.change.expiry}, run
 * by their job's settings), on every instance: each is handled under its row lock and re-checked,
 * so none ends twice.
 */
@Component
class OwnerChangeJob extends DueWork {

  private static final int BATCH = 100;

  private final OwnerChangeRepository repository;
  private final OwnerChangeEffects effects;
  private final Clock clock;

  OwnerChangeJob(
      OwnerChangeRepository repository,
      OwnerChangeEffects effects,
      ChangeSettings settings,
      Clock clock,
      TransactionTemplate tx) {
    super(tx, "Owner changes expired", settings.jobsEnabled(), settings.jobInterval());
    this.repository = repository;
    this.effects = effects;
    this.clock = clock;
  }

  /** Expires open changes past their deadline; returns how many. */
  @Override
  public int runDueWork() {
    Instant now = clock.instant();
    return each(repository.dueForExpiry(now, BATCH), id -> expire(id, now));
  }

  private boolean expire(long id, Instant now) {
    OwnerChange c = repository.lock(id).orElse(null);
    if (c == null || !c.isPastExpiry(now)) {
      return false;
    }
    c.expire(now);
    repository.update(c);
    effects.emit(c, Actor.system());
    return true;
  }
}
