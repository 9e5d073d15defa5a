package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.handover.catalog.ServiceNames;

/**
 * Natural order for "My services" ({@code vps-2} before {@code vps-10}): a {@code sort_key} column
 * ({@link ServiceNames#sortKey}) written for every existing service, and the per-role list indexes
 * rebuilt on it, so that the lists still read short ordered index ranges. The indexes keep the name
 * after the key: a name search filters index entries without reading the table. Java, not SQL, so
 * that H2 and PostgreSQL compute the same keys.
 */
public class V100__ServiceSortKeys extends BaseJavaMigration {

  private static final int BATCH = 1_000;

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      s.execute("alter table services add column sort_key varchar(512)");
    }
    try (Statement read = c.createStatement();
        PreparedStatement write =
            c.prepareStatement("update services set sort_key = ? where id = ?")) {
      read.setFetchSize(BATCH);
      try (ResultSet rs = read.executeQuery("select id, name from services")) {
        int pending = 0;
        while (rs.next()) {
          write.setString(1, ServiceNames.sortKey(rs.getString(2)));
          write.setLong(2, rs.getLong(1));
          write.addBatch();
          if (++pending == BATCH) {
            write.executeBatch();
            pending = 0;
          }
        }
        if (pending > 0) {
          write.executeBatch();
        }
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("alter table services alter column sort_key set not null");
      for (String role : new String[] {"admin", "tech", "billing"}) {
        s.execute("drop index services_" + role + "_idx");
        s.execute("drop index services_" + role + "_type_idx");
        s.execute(
            "create index services_"
                + role
                + "_idx on services ("
                + role
                + "_nic, sort_key, name, id)");
        s.execute(
            "create index services_"
                + role
                + "_type_idx on services ("
                + role
                + "_nic, type, sort_key, name, id)");
      }
    }
  }
}
