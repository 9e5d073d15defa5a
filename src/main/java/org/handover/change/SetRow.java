package org.handover.change;

import java.time.Instant;
import org.handover.system.Nic;

/**
 * A change set's own columns, as its row holds them: read first (under a lock when the set moves),
 * and replaced by a new value at each move of the set.
 */
record SetRow(
    long id,
    Nic asker,
    ChangeState state,
    Instant requestedAt,
    Instant doneAt,
    Instant expiresAt,
    Instant nextReminderAt,
    Reason reason) {

  SetRow withId(long newId) {
    return new SetRow(newId, asker, state, requestedAt, doneAt, expiresAt, nextReminderAt, reason);
  }

  SetRow movedTo(ChangeState next) {
    return new SetRow(id, asker, next, requestedAt, doneAt, expiresAt, nextReminderAt, reason);
  }

  SetRow remindingAt(Instant next) {
    return new SetRow(id, asker, state, requestedAt, doneAt, expiresAt, next, reason);
  }

  /** Ended: why, when, and no reminder left. */
  SetRow ended(Reason why, Instant at) {
    return new SetRow(id, asker, state, requestedAt, at, expiresAt, null, why);
  }
}
