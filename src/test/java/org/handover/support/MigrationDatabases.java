package org.handover.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Fresh databases for migration tests, on H2 and on the embedded PostgreSQL server, migrated up to
 * a chosen version, with plain SQL to fill and read them (no Spring context, no repository code).
 */
public final class MigrationDatabases {

  private MigrationDatabases() {}

  /**
   * An in-memory H2 database in the application's mode, one connection for the whole test: H2 only
   * checks constraints in the session that made them.
   */
  public static DataSource h2(String name) {
    return new SingleConnectionDataSource(
        "jdbc:h2:mem:"
            + name
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "sa",
        "",
        true);
  }

  /** A new, empty database on the embedded PostgreSQL server. */
  public static DataSource postgres(String name) throws SQLException {
    var pg = EmbeddedPostgresDatabase.server();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop database if exists " + name);
      s.execute("create database " + name);
    }
    return pg.getDatabase("postgres", name);
  }

  /** Migrates to {@code target} (a version, or {@code latest}). */
  public static void migrate(DataSource ds, String target) {
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .target(target)
        .load()
        .migrate();
  }

  public static void exec(DataSource ds, String... statements) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** The rows of a query, each as its columns joined by one space. */
  public static List<String> rows(DataSource ds, String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join(" ", row));
      }
    }
    return rows;
  }
}
