package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The staff console's search, case-insensitive and by prefix, reads short index ranges at any
 * scale: lower-case copies of people's first, last and full names and organisation, and the digits
 * of the customer ID, as generated columns (kept by the database itself, whoever writes the row),
 * each indexed; and an index on service names (stored canonical, in lower case). PostgreSQL needs
 * {@code varchar_pattern_ops} for {@code like 'prefix%'} to use an index whatever the database's
 * collation, and {@code stored} generated columns; H2 needs neither. Java, not SQL, for that one
 * difference.
 */
public class V150__SearchColumns extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    String stored = postgres ? " stored" : "";
    String ops = postgres ? " varchar_pattern_ops" : "";
    String[][] columns = {
      {"first_name_lc", "varchar(100)", "lower(first_name)"},
      {"last_name_lc", "varchar(100)", "lower(last_name)"},
      {"full_name_lc", "varchar(201)", "lower(first_name || ' ' || last_name)"},
      {"organisation_lc", "varchar(200)", "lower(organisation)"},
      {"nic_digits", "varchar(32)", "regexp_replace(nic, '[^0-9]', '', 'g')"}
    };
    try (Statement s = c.createStatement()) {
      for (String[] col : columns) {
        s.execute(
            "alter table accounts add column "
                + col[0]
                + " "
                + col[1]
                + " generated always as ("
                + col[2]
                + ")"
                + stored);
        s.execute("create index accounts_" + col[0] + "_idx on accounts (" + col[0] + ops + ")");
      }
      s.execute("create index accounts_email_prefix_idx on accounts (email" + ops + ")");
      s.execute("create index services_name_prefix_idx on services (name" + ops + ")");
      if (postgres) { // H2's primary-key index serves prefixes already
        s.execute("create index accounts_nic_prefix_idx on accounts (nic" + ops + ")");
      }
    }
  }
}
