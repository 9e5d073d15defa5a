package org.handover.system;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Bulk SQL that repositories offer for imports: multi-row inserts in batches, lookups by chunks of
 * {@value #CHUNK} keys, and fresh planner statistics. The repositories keep the tables' column
 * lists; this class only knows how to send many rows at once.
 */
@Repository
public class BulkSql {

  /** Keys per lookup and rows per batch; well under PostgreSQL's bind-parameter limit. */
  public static final int CHUNK = 1_000;

  /** Rows per multi-row insert statement. */
  public static final int ROWS_PER_INSERT = 100;

  private final JdbcTemplate template;
  private volatile Boolean postgres;

  BulkSql(JdbcTemplate template) {
    this.template = template;
  }

  /**
   * Inserts rows (values in the order of {@code columns}) {@value #ROWS_PER_INSERT} at a time with
   * multi-row {@code values} statements, batched by {@value #CHUNK} rows (a third faster on H2 than
   * one row per statement).
   */
  public void insert(String table, String columns, List<Object[]> rows) {
    insert(InsertPart.values(table, columns, rows));
  }

  /**
   * Runs an insert {@value #ROWS_PER_INSERT} rows at a time, the statements batched by {@value
   * #CHUNK} rows, one after the other (each sees the rows of those before it); returns how many
   * rows they inserted.
   */
  public int insert(InsertPart part) {
    List<Object[]> rows = part.rows();
    int whole = rows.size() - rows.size() % ROWS_PER_INSERT;
    List<Object[]> statements = new ArrayList<>(whole / ROWS_PER_INSERT);
    for (int from = 0; from < whole; from += ROWS_PER_INSERT) {
      statements.add(part.params(from, from + ROWS_PER_INSERT));
    }
    String full = part.sql(ROWS_PER_INSERT);
    int perBatch = CHUNK / ROWS_PER_INSERT;
    int inserted = 0;
    for (int from = 0; from < statements.size(); from += perBatch) {
      for (int n :
          template.batchUpdate(
              full, statements.subList(from, Math.min(statements.size(), from + perBatch)))) {
        inserted += n < 0 ? ROWS_PER_INSERT : n;
      }
    }
    if (whole < rows.size()) {
      inserted += template.update(part.sql(rows.size() - whole), part.params(whole, rows.size()));
    }
    return inserted;
  }

  /** Runs one statement for each row of parameters, {@value #CHUNK} rows per JDBC batch. */
  public int[] update(String sql, List<Object[]> rows) {
    int[] counts = new int[rows.size()];
    for (int from = 0; from < rows.size(); from += CHUNK) {
      int[] done =
          template.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + CHUNK)));
      System.arraycopy(done, 0, counts, from, done.length);
    }
    return counts;
  }

  /**
   * Refreshes PostgreSQL's planner statistics of a table after a large import: until autovacuum
   * gets to it, the planner still believes the table small and scans it whole (a re-import of
   * 100,000 services took 25 s instead of 4). H2 needs nothing.
   */
  public void analyze(String table) {
    if (onPostgres()) {
      template.execute("analyze " + table);
    }
  }

  /** Whether the database is PostgreSQL (else H2), asked once. */
  public boolean onPostgres() {
    Boolean known = postgres;
    if (known == null) {
      String product =
          template.execute(
              (ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
      known = "PostgreSQL".equals(product);
      postgres = known;
    }
    return known;
  }

  /** Runs the action on consecutive slices of at most {@value #CHUNK} items. */
  public static <T> void chunks(List<T> items, Consumer<List<T>> action) {
    for (int from = 0; from < items.size(); from += CHUNK) {
      action.accept(items.subList(from, Math.min(items.size(), from + CHUNK)));
    }
  }
}
