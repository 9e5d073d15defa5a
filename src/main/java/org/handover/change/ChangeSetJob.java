package org.handover.change;

import java.time.Clock;
import java.time.Instant;
import org.handover.system.Actor;
import org.handover.system.DueWork;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expires overdue change sets and sends reminders. Safe when every instance runs it: each set is
 * handled in its own transaction under a row lock, and re-checked once locked.
 */
@Component
public class ChangeSetJob extends DueWork {

  private static final int BATCH = 200;

  private final ChangeStore store;
  private final ChangeRepository repository;
  private final Clock clock;

  ChangeSetJob(
      ChangeStore store,
      ChangeRepository repository,
      Clock clock,
      TransactionTemplate tx,
      ChangeSettings settings) {
    super(tx, "Change sets expired or reminded", settings.jobsEnabled(), settings.jobInterval());
    this.store = store;
    this.repository = repository;
    this.clock = clock;
  }

  /** Expires every overdue set and sends every due reminder; returns how many it handled. */
  @Override
  public int runDueWork() {
    Instant now = clock.instant();
    return each(repository.dueForExpiry(now, BATCH), id -> expire(id, now))
        + each(repository.dueForReminder(now, BATCH), id -> remind(id, now));
  }

  private boolean expire(long id, Instant now) {
    ChangeSet change = store.lock(id).orElse(null);
    if (change == null || !change.isPastExpiry(now)) {
      return false;
    }
    change.expire(now);
    store.save(change, Actor.system());
    return true;
  }

  private boolean remind(long id, Instant now) {
    ChangeSet change = store.lock(id).orElse(null);
    if (change == null
        || change.state() != ChangeState.validatingByCustomers
        || change.isPastExpiry(now)
        || change.nextReminderAt() == null
        || change.nextReminderAt().isAfter(now)) {
      return false;
    }
    change.reminded(store.nextReminderAfter(change.expiresAt(), now));
    store.save(change, Actor.system());
    return true;
  }
}
