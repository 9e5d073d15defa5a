package org.handover.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.LongFunction;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A workflow's work that falls due with time (expiries, reminders, applying what waited): the one
 * shape of every workflow job. A job only declares its {@link Step}s; {@link DueWorkScheduler} runs
 * each enabled job at its interval on every instance, and each item is handled in its own
 * transaction under its row lock and re-checked once locked, so two instances never handle one
 * twice.
 */
public abstract class DueWork {

  /** A job's settings, as a feature's settings record gives them. */
  public interface Schedule {

    /** Whether this instance runs the work on its own (tests turn it off). */
    boolean jobsEnabled();

    /** The pause between two runs, and before the first. */
    Duration jobInterval();
  }

  /**
   * One kind of due item: the ids due at a time (at most a batch), how to lock one, whether it is
   * still due once locked, and what to do with it then.
   */
  public record Step<T>(
      BiFunction<Instant, Integer, List<Long>> due,
      LongFunction<Optional<T>> lock,
      BiPredicate<T, Instant> stillDue,
      BiConsumer<T, Instant> act) {}

  private final String done;
  private final int batch;
  private final Schedule schedule;
  private final Clock clock;
  private final TransactionTemplate tx;

  /**
   * @param done what the work does, for the log ("Change sets expired or reminded")
   * @param batch at most this many items of each step in one run
   */
  protected DueWork(
      String done, int batch, Schedule schedule, Clock clock, TransactionTemplate tx) {
    this.done = done;
    this.batch = batch;
    this.schedule = schedule;
    this.clock = clock;
    this.tx = tx;
  }

  /** The kinds of due item, handled in this order. */
  protected abstract List<Step<?>> steps();

  /** Handles everything due now; returns how many items it handled. */
  public final int runDueWork() {
    Instant now = clock.instant();
    int handled = 0;
    for (Step<?> step : steps()) {
      handled += run(step, now);
    }
    return handled;
  }

  private <T> int run(Step<T> step, Instant now) {
    int handled = 0;
    for (long id : step.due().apply(now, batch)) {
      Boolean done =
          tx.execute(
              s -> {
                T item = step.lock().apply(id).orElse(null);
                if (item == null || !step.stillDue().test(item, now)) {
                  return false;
                }
                step.act().accept(item, now);
                return true;
              });
      handled += Boolean.TRUE.equals(done) ? 1 : 0;
    }
    return handled;
  }

  String done() {
    return done;
  }

  boolean enabled() {
    return schedule.jobsEnabled();
  }

  Duration interval() {
    return schedule.jobInterval();
  }
}
