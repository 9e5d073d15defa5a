package org.handover.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The inserts of one step (its emails, audit rows, security-log lines…) sent to the database as
 * <em>one</em> statement, so a step pays one round trip for them instead of one each. On PostgreSQL
 * each insert is a data-modifying {@code with} clause; H2 has none, so there each insert is a data
 * change delta table ({@code final table (insert …)}) in a scalar subquery. Both run the inserts
 * within the one statement, in the caller's transaction, each seeing the tables as they were before
 * the statement (none sees another's rows, nor its own), and answer how many rows each inserted.
 * Inserts into different tables only: that is what makes the order between them irrelevant.
 *
 * <p>A part with more than {@link BulkSql#ROWS_PER_INSERT} rows (a set of thousands of services)
 * keeps its own batched statements ({@link BulkSql#insert(InsertPart)}), run before the others.
 */
@Repository
public class JointInsert {

  private final JdbcTemplate template;
  private final BulkSql bulk;

  JointInsert(JdbcTemplate template, BulkSql bulk) {
    this.template = template;
    this.bulk = bulk;
  }

  /** Runs the parts that have rows; parts without rows are told 0 and cost nothing. */
  public void run(InsertPart... parts) {
    List<InsertPart> joint = new ArrayList<>();
    for (InsertPart part : parts) {
      if (part.rows().isEmpty()) {
        part.inserted().accept(0);
      } else if (part.rows().size() > BulkSql.ROWS_PER_INSERT) {
        part.inserted().accept(bulk.insert(part));
      } else {
        joint.add(part);
      }
    }
    if (joint.size() == 1) {
      InsertPart part = joint.get(0);
      part.inserted()
          .accept(
              template.update(part.sql(part.rows().size()), part.params(0, part.rows().size())));
    } else if (joint.size() > 1) {
      runTogether(joint);
    }
  }

  /**
   * Runs one insert of at most {@link BulkSql#ROWS_PER_INSERT} rows and reads the given columns of
   * the rows it inserted, in the same statement ({@code returning} on PostgreSQL, {@code final
   * table} on H2): no second statement to find the keys it generated.
   */
  public <T> List<T> returning(InsertPart part, String columns, RowMapper<T> mapper) {
    int size = part.rows().size();
    if (size > BulkSql.ROWS_PER_INSERT) {
      throw new IllegalArgumentException(size + " rows: more than one statement's");
    }
    String insert = part.sql(size);
    String sql =
        bulk.onPostgres()
            ? insert + " returning " + columns
            : "select " + columns + " from final table (" + insert + ")";
    List<T> read = template.query(sql, mapper, part.params(0, size));
    part.inserted().accept(read.size());
    return read;
  }

  private void runTogether(List<InsertPart> parts) {
    boolean pg = bulk.onPostgres();
    StringBuilder with = new StringBuilder();
    StringBuilder select = new StringBuilder("select ");
    List<Object> params = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      InsertPart part = parts.get(i);
      String insert = part.sql(part.rows().size());
      if (pg) {
        with.append(i == 0 ? "with " : ", ").append("w").append(i).append(" as (");
        with.append(insert).append(" returning 1)");
        select.append(i == 0 ? "" : ", ").append("(select count(*) from w").append(i).append(")");
      } else {
        select.append(i == 0 ? "" : ", ");
        select.append("(select count(*) from final table (").append(insert).append("))");
      }
      Collections.addAll(params, part.params(0, part.rows().size()));
    }
    String sql = with + (pg ? " " : "") + select;
    template.query(
        sql,
        rs -> {
          rs.next();
          for (int i = 0; i < parts.size(); i++) {
            parts.get(i).inserted().accept(rs.getInt(i + 1));
          }
          return null;
        },
        params.toArray());
  }
}
