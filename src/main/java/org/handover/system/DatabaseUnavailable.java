package org.handover.system;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The database primary went away under a request: its connection broke, no connection to a primary
 * could be had in time, or the node it reached is a standby or shutting down (a failover in
 * progress). The transaction was rolled back (or, when the commit itself broke, its outcome is
 * unknown but whole: all or nothing), so the edges answer 503 with {@code Retry-After} instead of a
 * 500, and steps that are safe to repeat retry by themselves ({@link #retried}).
 */
public final class DatabaseUnavailable extends HandoverException {

  /** What the edges put in {@code Retry-After}: about how long a failover takes with the pool. */
  public static final int RETRY_AFTER_SECONDS = 5;

  /**
   * SQLSTATEs of a node that cannot serve the transaction right now: a read-only transaction on a
   * standby or demoted node (25006), administrator or crash shutdown (57P01, 57P02), a server still
   * starting or recovering (57P03); the connection-exception class 08 is matched by its prefix.
   */
  private static final Set<String> STATES = Set.of("25006", "57P01", "57P02", "57P03");

  private DatabaseUnavailable(Throwable cause) {
    super(Kind.UNAVAILABLE, "database.unavailable", RETRY_AFTER_SECONDS);
    initCause(cause);
  }

  /** What a 503 of this kind says, in {@code locale}. */
  public static String text(Locale locale) {
    return Messages.format(locale, "database.unavailable", RETRY_AFTER_SECONDS);
  }

  /** This failure as a 503 when the database being away caused it, else empty. */
  public static Optional<DatabaseUnavailable> of(Throwable failure) {
    return causes(failure) ? Optional.of(new DatabaseUnavailable(failure)) : Optional.empty();
  }

  /** Whether the database being away (not a bug, not bad input) is behind this failure. */
  public static boolean causes(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DatabaseUnavailable
          || t instanceof DataAccessResourceFailureException
          || t instanceof TransientDataAccessResourceException
          || t instanceof CannotCreateTransactionException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      // the rollback after the failure failed too (the pool's closed connection has no SQLSTATE):
      // what broke is the application exception it overrode
      if (t instanceof TransactionSystemException rollback
          && rollback.getApplicationException() != null
          && causes(rollback.getApplicationException())) {
        return true;
      }
      // a commit that broke and whose rollback then found the connection closed: Spring logs the
      // commit's failure and throws the rollback's, whose connection the pool had already closed
      // for being broken — the database went away, and the outcome is whole but unknown
      if (t instanceof TransactionSystemException
          && t.getCause() instanceof SQLException closed
          && closed.getSQLState() == null
          && "Connection is closed".equals(closed.getMessage())) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || STATES.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@link #retried(Supplier, int, Duration)} for about 15 s (six tries, from half a second): long
   * enough for a failover manager to promote the standby.
   */
  public static <T> T retried(Supplier<T> step) {
    return retried(step, 6, Duration.ofMillis(500));
  }

  /**
   * Runs a step that is safe to repeat (a read, a claim under a lease, recording an outcome that is
   * matched by its lease), again after {@code pause}, doubling, while the database is away, for at
   * most {@code attempts} tries; any other failure, or the last one, is thrown as it came.
   */
  public static <T> T retried(Supplier<T> step, int attempts, Duration pause) {
    Duration wait = pause;
    for (int attempt = 1; ; attempt++) {
      try {
        return step.get();
      } catch (RuntimeException e) {
        if (attempt >= attempts || !causes(e)) {
          throw e;
        }
      }
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the database was away", e);
      }
      wait = wait.multipliedBy(2);
    }
  }
}
