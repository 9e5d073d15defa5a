package org.handover.change;

import java.time.Clock;
import java.time.Instant;
import org.handover.system.Actor;
import org.handover.system.HandoverProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expires overdue change sets and sends reminders. Safe when every instance runs it: each set is
 * handled in its own transaction under a row lock, and re-checked once locked.
 */
@Component
public class ChangeExpiry {

  private static final Logger log = LoggerFactory.getLogger(ChangeExpiry.class);
  private static final int BATCH = 200;

  private final ChangeSets store;
  private final ChangeRepository repository;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final boolean enabled;

  ChangeExpiry(
      ChangeSets store,
      ChangeRepository repository,
      Clock clock,
      TransactionTemplate tx,
      HandoverProperties properties) {
    this.store = store;
    this.repository = repository;
    this.clock = clock;
    this.tx = tx;
    this.enabled = properties.change().jobsEnabled();
  }

  @Scheduled(
      fixedDelayString = "${handover.change.job-interval:PT1M}",
      initialDelayString = "${handover.change.job-interval:PT1M}")
  void scheduled() {
    if (enabled) {
      int handled = runDueWork();
      if (handled > 0) {
        log.info("Expired or reminded {} contact change requests", handled);
      }
    }
  }

  /** Expires every overdue set and sends every due reminder; returns how many it handled. */
  public int runDueWork() {
    Instant now = clock.instant();
    int handled = 0;
    for (long id : repository.dueForExpiry(now, BATCH)) {
      handled += Boolean.TRUE.equals(tx.execute(s -> expire(id, now))) ? 1 : 0;
    }
    for (long id : repository.dueForReminder(now, BATCH)) {
      handled += Boolean.TRUE.equals(tx.execute(s -> remind(id, now))) ? 1 : 0;
    }
    return handled;
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
