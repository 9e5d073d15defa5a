package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trigram indexes ({@code pg_trgm}, GIN) on the columns the staff console searches for a fragment
 * of a person (customer ID, email, full name in lower case, organisation in lower case), so that
 * {@code like '%fragment%'} finds a few accounts among hundreds of thousands without reading them
 * all. PostgreSQL only, and only where V235 could have the extension; elsewhere nothing changes and
 * the search reads every row, as on H2. Built in the migration's transaction, like V235.
 */
public class V245__AccountTrigrams extends BaseJavaMigration {

  private static final Logger log = LoggerFactory.getLogger(V245__AccountTrigrams.class);

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    if (!c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
      return;
    }
    try (Statement s = c.createStatement()) {
      if (!V235__NameTrigrams.installed(s)) {
        log.info("pg_trgm is not installed: the console's account search runs without trigrams");
        return;
      }
      for (String column : new String[] {"nic", "email", "full_name_lc", "organisation_lc"}) {
        s.execute(
            "create index if not exists accounts_"
                + column
                + "_trgm_idx on accounts using gin ("
                + column
                + " gin_trgm_ops)");
      }
    }
  }
}
