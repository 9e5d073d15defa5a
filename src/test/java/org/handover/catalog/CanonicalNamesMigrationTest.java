package org.handover.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.handover.support.MigrationDatabases.h2;
import static org.handover.support.MigrationDatabases.migrate;
import static org.handover.support.MigrationDatabases.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The migration that makes stored service names canonical ({@code V21}), on H2 and on PostgreSQL:
 * it rewrites names, and stops with a report naming every collision, changing nothing, when two
 * services of one type differ only by case or a final dot.
 */
class CanonicalNamesMigrationTest {

  /** A database at V20 holding the given domain names; then migrated to the latest version. */
  private static void migrateWith(DataSource ds, String... names) throws SQLException {
    migrate(ds, "20");
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "insert into accounts (nic, email, first_name, last_name, state, language, created_at)"
              + " values ('aa100001-ovh', 'a@example.net', 'A', 'B', 'active', 'en',"
              + " current_timestamp)");
      for (String name : names) {
        s.execute(
            "insert into services (type, name, display_name, created_at, admin_nic, tech_nic,"
                + " billing_nic) values ('domain', '"
                + name
                + "', '"
                + name
                + "', current_timestamp, 'aa100001-ovh', 'aa100001-ovh', 'aa100001-ovh')");
      }
    }
    migrate(ds, "latest");
  }

  private static List<String> names(DataSource ds) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery("select name from services order by name")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static void rewritesNames(DataSource ds) throws SQLException {
    migrateWith(ds, "Trail.com.", "BRUNO-ONLY.COM", "already.example");
    assertThat(names(ds)).containsExactly("already.example", "bruno-only.com", "trail.com");
  }

  private static void stopsOnCollisions(DataSource ds) throws SQLException {
    assertThatThrownBy(
            () ->
                migrateWith(
                    ds,
                    "bruno-only.com",
                    "Bruno-Only.com",
                    "BRUNO-ONLY.COM",
                    "trail.com",
                    "trail.com."))
        .hasStackTraceContaining("domain bruno-only.com")
        .hasStackTraceContaining("\"Bruno-Only.com\"")
        .hasStackTraceContaining("\"BRUNO-ONLY.COM\"")
        .hasStackTraceContaining("domain trail.com")
        .hasStackTraceContaining("\"trail.com.\"")
        .hasStackTraceContaining("Nothing was changed");
    assertThat(names(ds))
        .containsExactlyInAnyOrder(
            "bruno-only.com", "Bruno-Only.com", "BRUNO-ONLY.COM", "trail.com", "trail.com.");
  }

  @Test
  void onH2NamesAreRewritten() throws SQLException {
    rewritesNames(h2("canonical-rewrite"));
  }

  @Test
  void onH2CollisionsStopTheMigrationWithAReport() throws SQLException {
    stopsOnCollisions(h2("canonical-collide"));
  }

  @Test
  void onPostgresNamesAreRewritten() throws SQLException {
    rewritesNames(postgres("canonical_rewrite"));
  }

  @Test
  void onPostgresCollisionsStopTheMigrationWithAReport() throws SQLException {
    stopsOnCollisions(postgres("canonical_collide"));
  }
}
