package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean "the primary went away" (503, retry) and which stay what they are. */
class DatabaseUnavailableTest {

  private static UncategorizedSQLException sql(String state) {
    return new UncategorizedSQLException("q", "select 1", new SQLException("gone", state));
  }

  @Test
  void aBrokenConnectionOrANodeThatCannotServeMeansTheDatabaseIsAway() {
    assertThat(DatabaseUnavailable.causes(sql("08006"))).as("connection failure").isTrue();
    assertThat(DatabaseUnavailable.causes(sql("57P01"))).as("admin shutdown").isTrue();
    assertThat(DatabaseUnavailable.causes(sql("57P03"))).as("still starting").isTrue();
    assertThat(DatabaseUnavailable.causes(sql("25006"))).as("a standby refuses writes").isTrue();
    assertThat(
            DatabaseUnavailable.causes(
                new CannotGetJdbcConnectionException(
                    "pool", new SQLTransientConnectionException("timed out"))))
        .as("no connection in time")
        .isTrue();
    assertThat(DatabaseUnavailable.causes(new CannotCreateTransactionException("begin"))).isTrue();
  }

  /** Seen in FailoverIT before this case was known: three requests answered 500. */
  @Test
  void aFailedRollbackAfterTheConnectionBrokeIsTheDatabaseAway() {
    TransactionSystemException rollback =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed"));
    rollback.initApplicationException(
        new DataAccessResourceFailureException(
            "insert", new SQLException("terminating connection", "57P01")));
    assertThat(DatabaseUnavailable.causes(rollback)).isTrue();
    assertThat(
            DatabaseUnavailable.causes(
                new TransactionSystemException(
                    "JDBC rollback failed", new SQLException("Connection is closed"))))
        .as(
            "after a broken commit, only the rollback's failure is thrown: the pool had closed the"
                + " connection for being broken")
        .isTrue();
    assertThat(
            DatabaseUnavailable.causes(
                new TransactionSystemException(
                    "JDBC rollback failed", new SQLException("internal error", "XX000"))))
        .as("a rollback failure for another reason says nothing about the database being away")
        .isFalse();
  }

  @Test
  void bugsAndBadInputAreNotTheDatabaseAway() {
    assertThat(
            DatabaseUnavailable.causes(
                new BadSqlGrammarException("q", "selec", new SQLException("syntax", "42601"))))
        .isFalse();
    assertThat(DatabaseUnavailable.causes(new DataIntegrityViolationException("too long")))
        .isFalse();
    assertThat(DatabaseUnavailable.causes(sql("40001"))).as("serialization failure").isFalse();
    assertThat(DatabaseUnavailable.causes(new IllegalStateException("bug"))).isFalse();
  }

  @Test
  void aSafeStepIsRepeatedWhileTheDatabaseIsAwayAndOnlyThen() {
    AtomicInteger tries = new AtomicInteger();
    String done =
        DatabaseUnavailable.retried(
            () -> {
              if (tries.incrementAndGet() < 3) {
                throw sql("08006");
              }
              return "written";
            },
            5,
            Duration.ofMillis(1));
    assertThat(done).isEqualTo("written");
    assertThat(tries).hasValue(3);

    AtomicInteger bug = new AtomicInteger();
    assertThatThrownBy(
            () ->
                DatabaseUnavailable.retried(
                    () -> {
                      bug.incrementAndGet();
                      throw new IllegalStateException("bug");
                    },
                    5,
                    Duration.ofMillis(1)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(bug).as("a bug is not repeated").hasValue(1);

    assertThatThrownBy(() -> DatabaseUnavailable.retried(() -> sqlThrown(), 3, Duration.ZERO))
        .isInstanceOf(UncategorizedSQLException.class);
  }

  private static String sqlThrown() {
    throw sql("08006");
  }

  @Test
  void saysNothingWasChangedAndWhenToTryAgainInEveryLanguage() {
    for (Language language : Language.values()) {
      assertThat(DatabaseUnavailable.text(language.locale()))
          .contains(String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
    }
    assertThat(DatabaseUnavailable.text(Locale.ENGLISH)).contains("nothing was changed");
  }
}
