package org.handover.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.handover.support.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.Test;

/**
 * The name search's trigram index (migration V235) on PostgreSQL: made where {@code pg_trgm} can be
 * created, outside a transaction (concurrently under Flyway's session lock, in place under its
 * default transactional one); an index left invalid by an interrupted build is built again; for an
 * application role (not the owner) the migration succeeds, with the index exactly when the
 * extension could be had. H2 runs the same migration as every H2 test does: nothing.
 */
class NameTrigramsPostgresTest {

  private final EmbeddedPostgres pg = EmbeddedPostgresDatabase.server();

  @Test
  void anOwnerThatMayCreateTheExtensionGetsTheIndex() throws Exception {
    String url = database("trigrams_owner");
    Flyway.configure().dataSource(url, "postgres", "").load().migrate();

    try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
      assertThat(validIndex(c)).isTrue();
      assertThat(definition(c)).contains("gin (name gin_trgm_ops)");
    }
  }

  @Test
  void underFlywaysSessionLockTheIndexIsBuiltConcurrently() throws Exception {
    String url = database("trigrams_session_lock");
    var result =
        Flyway.configure()
            .dataSource(url, "postgres", "")
            .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
            .load()
            .migrate();

    assertThat(result.success).isTrue();
    try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
      assertThat(validIndex(c)).isTrue();
      assertThat(definition(c)).contains("gin (name gin_trgm_ops)");
    }
  }

  @Test
  void anIndexLeftInvalidByAnInterruptedBuildIsDroppedAndBuiltAgain() throws Exception {
    String url = database("trigrams_invalid");
    Flyway.configure().dataSource(url, "postgres", "").target("230").load().migrate();
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      // what a concurrent build killed half-way leaves: an index of that name, marked invalid
      s.execute("create index services_name_trgm_idx on services (name)");
      s.execute(
          "update pg_index set indisvalid = false"
              + " where indexrelid = 'services_name_trgm_idx'::regclass");
      assertThat(validIndex(c)).isFalse();
    }

    var result =
        Flyway.configure()
            .dataSource(url, "postgres", "")
            .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
            .load()
            .migrate();

    assertThat(result.success).isTrue();
    try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
      assertThat(validIndex(c)).isTrue();
      assertThat(definition(c)).contains("gin (name gin_trgm_ops)");
    }
  }

  @Test
  void anApplicationRoleMigratesWithTheIndexExactlyWhenItCouldHaveTheExtension() throws Exception {
    String url = database("trigrams_plain");
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("drop role if exists trigrams_app");
      s.execute("create role trigrams_app login password 'app'");
      s.execute("grant usage, create on schema public to trigrams_app");
    }
    var result = Flyway.configure().dataSource(url, "trigrams_app", "app").load().migrate();

    assertThat(result.success).isTrue();
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 1 from pg_extension where extname = 'pg_trgm'")) {
      // pg_trgm is trusted (PostgreSQL 13+): whether this role may create it depends on the
      // server's grants; either way the migration succeeds, with the index exactly when it could
      assertThat(validIndex(c)).isEqualTo(rs.next());
    }
  }

  private String database(String name) throws SQLException {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop database if exists " + name);
      s.execute("create database " + name);
    }
    return pg.getJdbcUrl("postgres", name);
  }

  private static String definition(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select pg_get_indexdef('services_name_trgm_idx'::regclass)")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static boolean validIndex(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid"
                    + " where c.relname = 'services_name_trgm_idx'")) {
      return rs.next() && rs.getBoolean(1);
    }
  }
}
