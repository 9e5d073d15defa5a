package org.handover.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The JDBC replica of a lifecycle step's one insert statement ({@code system/JointInsert} on
 * PostgreSQL): each insert a data-modifying {@code with} clause, the emails counted against the
 * per-recipient limit by their own insert, as the application writes them.
 */
final class StepInserts {

  private final List<String> inserts = new ArrayList<>();
  private final List<Object> params = new ArrayList<>();

  /** {@code insert into table (columns) values} with these rows. */
  StepInserts values(String table, String columns, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return this;
    }
    String row = "(" + String.join(", ", Collections.nCopies(rows.get(0).length, "?")) + ")";
    inserts.add(
        "insert into "
            + table
            + " ("
            + columns
            + ") values "
            + String.join(", ", Collections.nCopies(rows.size(), row)));
    rows.forEach(r -> Collections.addAll(params, r));
    return this;
  }

  /** The emails of a step to these customers, each counted against the limit but the asker's. */
  StepInserts mails(Timestamp now, String payload, long id, String asker, String... nics) {
    if (nics.length == 0) {
      return this;
    }
    String row =
        "(cast(? as varchar), cast(? as varchar), cast(? as varchar), cast(? as varchar),"
            + " cast(? as varchar), cast(? as bigint), cast(? as integer))";
    inserts.add(
        "insert into mail_outbox (kind, recipient_nic, recipient_email, language, payload,"
            + " change_id, status, attempts, next_attempt_at, created_at) select v.kind, v.nic,"
            + " v.email, v.language, v.payload, v.change_id, 'held', 0, cast(? as timestamp with"
            + " time zone), cast(? as timestamp with time zone) from (values "
            + String.join(", ", Collections.nCopies(nics.length, row))
            + ") v (kind, nic, email, language, payload, change_id, nth) where v.nth < 0 or v.nth"
            + " + (select count(*) from mail_outbox m where m.recipient_email = v.email and"
            + " m.created_at >= ? and m.kind in (?)) < ?");
    params.add(now);
    params.add(now);
    for (String nic : nics) {
      Collections.addAll(
          params,
          "BENCH_JDBC",
          nic,
          nic + "@bench.handover.test",
          "en",
          payload,
          id,
          nic.equals(asker) ? -1 : 0);
    }
    Collections.addAll(params, new Timestamp(now.getTime() - 15 * 60_000), "BENCH_JDBC", 1_000_000);
    return this;
  }

  /** The step's audit rows, one per action. */
  StepInserts audits(Timestamp now, long serviceId, long id, String... actions) {
    List<Object[]> rows = new ArrayList<>();
    for (String action : actions) {
      rows.add(
          new Object[] {
            now,
            "customer",
            DataGenerator.reseller(),
            action,
            serviceId,
            id,
            "roles=tech",
            "127.0.0.1"
          });
    }
    return values(
        "audit_log",
        "at, actor_kind, actor, action, service_id, change_id, detail, client_address",
        rows);
  }

  /** The actor's security-log line of a hand-over action. */
  StepInserts securityLine(Timestamp now, String nic, String detail) {
    return values(
        "security_log",
        "nic, at, event, method, factor, by_whom, address, browser, detail",
        List.<Object[]>of(
            new Object[] {nic, now, "handOver", null, null, null, "127.0.0.1", "Java", detail}));
  }

  /** Sends them as one statement. */
  void run(Connection c) throws Exception {
    StringBuilder sql = new StringBuilder();
    StringBuilder select = new StringBuilder(" select ");
    for (int i = 0; i < inserts.size(); i++) {
      sql.append(i == 0 ? "with " : ", ").append("w").append(i).append(" as (");
      sql.append(inserts.get(i)).append(" returning 1)");
      select.append(i == 0 ? "" : ", ").append("(select count(*) from w").append(i).append(")");
    }
    try (PreparedStatement ps = c.prepareStatement(sql.append(select).toString())) {
      HandoverBenchmark.bind(ps, params.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
    }
  }
}
