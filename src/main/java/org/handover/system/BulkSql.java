package org.handover.system;

import java.util.ArrayList;
import java.util.Collections;
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
  static final int ROWS_PER_INSERT = 100;

  private final JdbcTemplate template;

  BulkSql(JdbcTemplate template) {
    this.template = template;
  }

  /**
   * Inserts rows (values in the order of {@code columns}) {@value #ROWS_PER_INSERT} at a time with
   * multi-row {@code values} statements, batched by {@value #CHUNK} rows (a third faster on H2 than
   * one row per statement).
   */
  public void insert(String table, String columns, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    String head = "insert into " + table + " (" + columns + ") values ";
    int width = rows.get(0).length;
    int whole = rows.size() - rows.size() % ROWS_PER_INSERT;
    List<Object[]> statements = new ArrayList<>(whole / ROWS_PER_INSERT);
    for (int from = 0; from < whole; from += ROWS_PER_INSERT) {
      statements.add(flatten(rows.subList(from, from + ROWS_PER_INSERT), width));
    }
    String full = head + placeholders(ROWS_PER_INSERT, width);
    int perBatch = CHUNK / ROWS_PER_INSERT;
    for (int from = 0; from < statements.size(); from += perBatch) {
      template.batchUpdate(
          full, statements.subList(from, Math.min(statements.size(), from + perBatch)));
    }
    if (whole < rows.size()) {
      List<Object[]> rest = rows.subList(whole, rows.size());
      template.update(head + placeholders(rest.size(), width), flatten(rest, width));
    }
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
    String product =
        template.execute(
            (ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
    if ("PostgreSQL".equals(product)) {
      template.execute("analyze " + table);
    }
  }

  /** Runs the action on consecutive slices of at most {@value #CHUNK} items. */
  public static <T> void chunks(List<T> items, Consumer<List<T>> action) {
    for (int from = 0; from < items.size(); from += CHUNK) {
      action.accept(items.subList(from, Math.min(items.size(), from + CHUNK)));
    }
  }

  private static String placeholders(int rows, int columns) {
    String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
    return String.join(", ", Collections.nCopies(rows, row));
  }

  private static Object[] flatten(List<Object[]> rows, int columns) {
    Object[] values = new Object[rows.size() * columns];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, values, i * columns, columns);
    }
    return values;
  }
}
