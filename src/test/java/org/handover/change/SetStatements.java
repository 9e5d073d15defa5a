package org.handover.change;

/**
 * The statements that read a change set, as {@link WholeSetRead} writes them, with JDBC's {@code ?}
 * for the set's id: what the benchmark's database ceiling replays ({@code
 * HandoverBenchmark.lockChange}), so that both sides of its ratio run the same SQL.
 */
public final class SetStatements {

  private SetStatements() {}

  /** A locked set's items, parties and members in one statement, after its row was locked. */
  public static String lockedSetParts() {
    return WholeSetRead.sql(WholeSetRead.BY_ID, false).replace(":key", "?");
  }
}
