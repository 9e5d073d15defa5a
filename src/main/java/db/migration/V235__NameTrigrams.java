package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trigram index on service names ({@code pg_trgm}, GIN) for My services' name search, on
 * PostgreSQL only and only where the extension can be had: a search that matches few of a
 * reseller's services finds them through it instead of walking every index entry of the reseller's
 * (measured in docs/scaling.md, "Round four": 207 ms to 0.4 ms at 100,000 services; a common word
 * keeps its ordered walk). Without the extension (H2, or a server where it is not installed and may
 * not be created) nothing changes and the search works as before.
 *
 * <p>Runs outside a transaction, so that the index is built {@code concurrently}: writes to {@code
 * services} go on while it is built (about 3 s per 100,000 services). A concurrent build waits for
 * every older transaction to end, and Flyway's default lock on PostgreSQL is one ({@code
 * postgresql.transactional.lock=true}, which PgBouncer's transaction pooling needs): under that
 * lock the index is built in place as before (writes wait), and an operator may build it beforehand
 * with {@code create index concurrently}. A build that failed half-way leaves an invalid index,
 * which PostgreSQL keeps and never uses: a later run drops it and builds it again.
 */
public class V235__NameTrigrams extends BaseJavaMigration {

  private static final Logger log = LoggerFactory.getLogger(V235__NameTrigrams.class);

  static final String INDEX = "services_name_trgm_idx";

  private static final String DEFINITION = " on services using gin (name gin_trgm_ops)";

  @Override
  public boolean canExecuteInTransaction() {
    return false;
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    if (!c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
      return;
    }
    try (Statement s = c.createStatement()) {
      if (!extension(s)) {
        return;
      }
      Boolean valid = indexValid(s);
      if (Boolean.TRUE.equals(valid)) {
        return;
      }
      if (valid != null) {
        log.warn("{} was left invalid by an interrupted build: dropped and built again", INDEX);
        s.execute("drop index concurrently if exists " + INDEX);
      }
      if (transactionalLock(context.getConfiguration())) {
        log.info(
            "{} built in place (writes to services wait): Flyway's lock is a transaction, which a"
                + " concurrent build would wait for",
            INDEX);
        s.execute("create index " + INDEX + DEFINITION);
        return;
      }
      try {
        s.execute("create index concurrently " + INDEX + DEFINITION);
      } catch (SQLException failed) {
        // a concurrent build that fails leaves its index behind, invalid: never leave it so
        s.execute("drop index concurrently if exists " + INDEX);
        throw failed;
      }
    }
  }

  /** Whether {@code pg_trgm} is installed (V245 indexes the console's account search with it). */
  static boolean installed(Statement s) throws SQLException {
    return exists(s, "select 1 from pg_extension where extname = 'pg_trgm'");
  }

  /** Whether {@code pg_trgm} is installed, or was just created; logs why not when it cannot be. */
  private static boolean extension(Statement s) throws SQLException {
    if (installed(s)) {
      return true;
    }
    if (!exists(s, "select 1 from pg_available_extensions where name = 'pg_trgm'")) {
      log.info("pg_trgm is not available: the name search runs without a trigram index");
      return false;
    }
    try {
      s.execute("create extension if not exists pg_trgm");
      return true;
    } catch (SQLException refused) {
      log.warn(
          "pg_trgm could not be created ({}): the name search runs without a trigram index;"
              + " a superuser may create it, then run: create index concurrently "
              + INDEX
              + DEFINITION,
          refused.getMessage());
      return false;
    }
  }

  /** The index's validity in this schema: null when there is none. */
  private static Boolean indexValid(Statement s) throws SQLException {
    try (ResultSet rs =
        s.executeQuery(
            "select i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid"
                + " join pg_namespace n on n.oid = c.relnamespace"
                + " where c.relname = '"
                + INDEX
                + "' and n.nspname = current_schema()")) {
      return rs.next() ? rs.getBoolean(1) : null;
    }
  }

  private static boolean exists(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      return rs.next();
    }
  }

  /**
   * Flyway's lock on PostgreSQL: a transaction held while migrating (its default), or a session's.
   */
  private static boolean transactionalLock(Configuration configuration) {
    PostgreSQLConfigurationExtension postgres =
        configuration.getPluginRegister().getExact(PostgreSQLConfigurationExtension.class);
    return postgres == null || postgres.isTransactionalLock();
  }
}
