package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Moves the id counter of {@code change_sets} past the ids V60 copied from the requests, so new
 * sets never collide with them. Java because H2 and PostgreSQL restart an identity column
 * differently.
 */
public class V61__ChangeSetIds extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    long next;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select coalesce(max(id), 0) + 1 from change_sets")) {
      rs.next();
      next = rs.getLong(1);
    }
    String product = c.getMetaData().getDatabaseProductName().toLowerCase();
    String restart =
        product.contains("postgres")
            ? "select setval(pg_get_serial_sequence('change_sets', 'id'), " + next + ", false)"
            : "alter table change_sets alter column id restart with " + next;
    try (Statement s = c.createStatement()) {
      s.execute(restart);
    }
  }
}
