package org.handover.system;

import java.time.Duration;
import java.util.List;
import java.util.function.LongPredicate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A workflow's work that falls due with time (expiries, reminders, applying what waited): the one
 * shape of every workflow job. {@link DueWorkScheduler} runs each enabled one at its interval on
 * every instance, so each item is handled in its own transaction ({@link #each}) under its row lock
 * and re-checked once locked: two instances never handle one twice.
 */
public abstract class DueWork {

  private final TransactionTemplate tx;
  private final String done;
  private final boolean enabled;
  private final Duration interval;

  /**
   * @param done what the work does, for the log ("Change sets expired or reminded")
   * @param enabled whether this instance runs the work on its own (tests turn it off)
   * @param interval the pause between two runs, and before the first
   */
  protected DueWork(TransactionTemplate tx, String done, boolean enabled, Duration interval) {
    this.tx = tx;
    this.done = done;
    this.enabled = enabled;
    this.interval = interval;
  }

  /** Handles everything due now; returns how many items it handled. */
  public abstract int runDueWork();

  /**
   * Runs {@code step} for each id in a transaction of its own; returns how many it handled ({@code
   * step} answers false for an item no longer due once locked).
   */
  protected final int each(List<Long> ids, LongPredicate step) {
    int handled = 0;
    for (long id : ids) {
      handled += Boolean.TRUE.equals(tx.execute(s -> step.test(id))) ? 1 : 0;
    }
    return handled;
  }

  String done() {
    return done;
  }

  boolean enabled() {
    return enabled;
  }

  Duration interval() {
    return interval;
  }
}
