package org.handover.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Holds one connection to the in-memory H2 database the test contexts share (application-test.yml)
 * for the whole test JVM, so that no context's closing can close it under the others.
 */
public class SharedDatabaseKeeper implements TestExecutionListener, Ordered {

  static final String URL =
      "jdbc:h2:mem:handover-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

  private static Connection kept;

  @Override
  public void beforeTestClass(TestContext testContext) throws SQLException {
    synchronized (SharedDatabaseKeeper.class) {
      if (kept == null) {
        kept = DriverManager.getConnection(URL, "sa", "");
      }
    }
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
