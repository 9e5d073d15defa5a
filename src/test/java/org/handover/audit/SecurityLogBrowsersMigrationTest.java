package org.handover.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.support.MigrationDatabases.exec;
import static org.handover.support.MigrationDatabases.h2;
import static org.handover.support.MigrationDatabases.migrate;
import static org.handover.support.MigrationDatabases.postgres;
import static org.handover.support.MigrationDatabases.rows;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The migration to a browser stored as data ({@code V275}) on lines written before it, on H2 and
 * PostgreSQL: "Browser on System" is split into the browser and its system; a browser named alone
 * stays alone; a line without a browser stays without.
 */
class SecurityLogBrowsersMigrationTest {

  @Test
  void oldBrowserNamesAreSplitIntoBrowserAndSystemOnH2() throws SQLException {
    migrateOldLines(h2("security_log_browsers"));
  }

  @Test
  void oldBrowserNamesAreSplitIntoBrowserAndSystemOnPostgres() throws SQLException {
    migrateOldLines(postgres("security_log_browsers"));
  }

  private void migrateOldLines(DataSource db) throws SQLException {
    migrate(db, "240");
    String[] browsers = {"'Chrome on Linux'", "'Mobile Safari on iOS'", "'curl'", "null"};
    for (int i = 0; i < browsers.length; i++) {
      exec(
          db,
          "insert into security_log (id, nic, at, event, address, browser) values ("
              + (i + 1)
              + ", 'aa100001-ovh', timestamp '2026-12-01 10:00:00', 'signIn', '192.0.2.1', "
              + browsers[i]
              + ")");
    }
    migrate(db, "latest");
    assertThat(rows(db, "select id, browser, browser_system from security_log order by id"))
        .containsExactly("1 Chrome Linux", "2 Mobile Safari iOS", "3 curl null", "4 null null");
  }
}
