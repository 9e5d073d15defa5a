package org.handover.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * One insert of rows into one table, written {@code head} + the rows' placeholders joined by commas
 * + {@code tail}, so that it can run alone, in slices of rows ({@link BulkSql#insert(InsertPart)}),
 * or as one part of a single statement with the other inserts of a step ({@link JointInsert}).
 * {@code inserted} is told how many rows the database inserted (an insert that selects may insert
 * fewer than it was given).
 *
 * @param head the statement up to its rows, e.g. {@code insert into t (a, b) values }
 * @param row one row's placeholders, e.g. {@code (?, ?)}
 * @param tail what follows the rows (may be empty)
 */
public record InsertPart(
    String head,
    List<Object> headParams,
    String row,
    List<Object[]> rows,
    String tail,
    List<Object> tailParams,
    IntConsumer inserted) {

  /** No insert: nothing to write. */
  public static InsertPart none() {
    return new InsertPart("", List.of(), "", List.of(), "", List.of(), n -> {});
  }

  /** {@code insert into table (columns) values (…), (…)} with one placeholder per column. */
  public static InsertPart values(String table, String columns, List<Object[]> rows) {
    int width = rows.isEmpty() ? 0 : rows.get(0).length;
    return new InsertPart(
        "insert into " + table + " (" + columns + ") values ",
        List.of(),
        "(" + String.join(", ", Collections.nCopies(width, "?")) + ")",
        rows,
        "",
        List.of(),
        n -> {});
  }

  /** This insert, telling {@code inserted} how many rows it inserted. */
  public InsertPart then(IntConsumer inserted) {
    return new InsertPart(head, headParams, row, rows, tail, tailParams, inserted);
  }

  /** The statement for {@code count} rows. */
  String sql(int count) {
    return head + String.join(", ", Collections.nCopies(count, row)) + tail;
  }

  /** The parameters of the statement for the rows {@code from} (inclusive) to {@code to}. */
  Object[] params(int from, int to) {
    List<Object> all = new ArrayList<>(headParams);
    for (Object[] values : rows.subList(from, to)) {
      Collections.addAll(all, values);
    }
    all.addAll(tailParams);
    return all.toArray();
  }
}
