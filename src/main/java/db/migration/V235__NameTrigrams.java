package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trigram index on service names ({@code pg_trgm}, GIN) for My services' name search, on
 * PostgreSQL only and only where the extension can be had: a search that matches few of a
 * reseller's services finds them through it instead of walking every index entry of the reseller's
 * (measured in docs/scaling.md, "Round four": 207 ms to 0.4 ms at 100,000 services; a common word
 * keeps its ordered walk). Without the extension (H2, or a server where it is not installed and may
 * not be created) nothing changes and the search works as before. Built in the migration's
 * transaction (writes to {@code services} wait for it: about 3 s per 100,000 services); not {@code
 * concurrently}, which would wait forever for Flyway's own lock transaction.
 */
public class V235__NameTrigrams extends BaseJavaMigration {

  private static final Logger log = LoggerFactory.getLogger(V235__NameTrigrams.class);

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    if (!c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
      return;
    }
    try (Statement s = c.createStatement()) {
      if (!installed(s)) {
        if (!available(s)) {
          log.info("pg_trgm is not available: the name search runs without a trigram index");
          return;
        }
        Savepoint before = c.setSavepoint();
        try {
          s.execute("create extension if not exists pg_trgm");
        } catch (SQLException refused) {
          c.rollback(before); // the migration's transaction goes on without the extension
          log.warn(
              "pg_trgm could not be created ({}): the name search runs without a trigram index;"
                  + " a superuser may create it, then run: create index concurrently"
                  + " services_name_trgm_idx on services using gin (name gin_trgm_ops)",
              refused.getMessage());
          return;
        }
      }
      s.execute(
          "create index if not exists services_name_trgm_idx on services"
              + " using gin (name gin_trgm_ops)");
    }
  }

  static boolean installed(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("select 1 from pg_extension where extname = 'pg_trgm'")) {
      return rs.next();
    }
  }

  private static boolean available(Statement s) throws SQLException {
    try (ResultSet rs =
        s.executeQuery("select 1 from pg_available_extensions where name = 'pg_trgm'")) {
      return rs.next();
    }
  }
}
