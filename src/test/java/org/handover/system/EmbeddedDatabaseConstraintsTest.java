package org.handover.system;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The embedded database keeps enforcing a check constraint after the connection that created it
 * (the one Flyway migrated with, which the pool retires sooner or later) has closed. H2 2.4.240
 * answered every later insert with "Check constraint invalid … The database has been closed".
 */
class EmbeddedDatabaseConstraintsTest {

  private static final String URL =
      "jdbc:h2:mem:constraints-outlive-their-session;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

  @Test
  void aCheckConstraintStillHoldsOnceTheConnectionThatMadeItIsClosed() throws SQLException {
    try (Connection later = DriverManager.getConnection(URL, "sa", "")) {
      try (Connection migrating = DriverManager.getConnection(URL, "sa", "");
          Statement s = migrating.createStatement()) {
        s.execute(
            "create table accounts_like (nic varchar(40) primary key, state varchar(20),"
                + " constraint accounts_like_state_chk check (state in ('active', 'suspended')))");
      }
      try (Statement s = later.createStatement()) {
        assertThatCode(() -> s.execute("insert into accounts_like values ('a', 'active')"))
            .doesNotThrowAnyException();
        assertThatCode(() -> s.execute("insert into accounts_like values ('b', 'gone')"))
            .as("the constraint is still enforced")
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("ACCOUNTS_LIKE_STATE_CHK".toLowerCase());
      }
    }
  }
}
