package org.handover.change;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.handover.system.Actor;
import org.handover.system.DueWork;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expires overdue change sets, then sends the reminders due, each set under its row lock and
 * re-checked once locked (see {@link DueWork}).
 */
@Component
public class ChangeSetJob extends DueWork {

  private static final int BATCH = 200;

  private final ChangeSets store;
  private final ChangeRepository repository;

  ChangeSetJob(
      ChangeSets store,
      ChangeRepository repository,
      ChangeSettings settings,
      Clock clock,
      TransactionTemplate tx) {
    super("Change sets expired or reminded", BATCH, settings, clock, tx);
    this.store = store;
    this.repository = repository;
  }

  @Override
  protected List<Step<?>> steps() {
    return List.of(
        new Step<>(repository::dueForExpiry, store::lock, ChangeSet::isPastExpiry, this::expire),
        new Step<>(
            repository::dueForReminder, store::lock, ChangeSetJob::reminderDue, this::remind));
  }

  private void expire(ChangeSet set, Instant now) {
    set.expire(now);
    store.save(set, Actor.system());
  }

  private void remind(ChangeSet set, Instant now) {
    set.reminded(store.nextReminderAfter(set.expiresAt(), now));
    store.save(set, Actor.system());
  }

  private static boolean reminderDue(ChangeSet set, Instant now) {
    return set.state() == ChangeState.validatingByCustomers
        && !set.isPastExpiry(now)
        && set.nextReminderAt() != null
        && !set.nextReminderAt().isAfter(now);
  }
}
