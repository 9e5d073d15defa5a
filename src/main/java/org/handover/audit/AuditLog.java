package org.handover.audit;

import java.time.Clock;
import java.util.List;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The append-only audit trail: rows are inserted, never updated or deleted. */
@Component
public class AuditLog {

  private final JdbcClient jdbc;
  private final Clock clock;

  AuditLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Appends one row in the caller's transaction. {@code detail} must never hold a code. */
  public void record(Actor actor, String action, Long serviceId, Long changeId, String detail) {
    jdbc.sql(
            """
            insert into audit_log (at, actor_kind, actor, action, service_id, change_id, detail,
                                   client_address)
            values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            Sql.ts(clock.instant()),
            actor.kind().name(),
            actor.id(),
            action,
            serviceId,
            changeId,
            detail,
            actor.clientAddress())
        .update();
  }

  /** A page of the trail, newest first; every filter may be null. */
  public List<AuditEntry> search(
      List<Long> serviceIds,
      String actorOrSubject,
      java.time.Instant since,
      java.time.Instant until,
      int page,
      int size) {
    StringBuilder sql =
        new StringBuilder(
            "select id, at, actor_kind, actor, action, service_id, change_id, detail,"
                + " client_address from audit_log where 1 = 1");
    var params = new java.util.HashMap<String, Object>();
    if (serviceIds != null) {
      if (serviceIds.isEmpty()) {
        return List.of();
      }
      sql.append(" and service_id in (:services)");
      params.put("services", serviceIds);
    }
    if (actorOrSubject != null) {
      sql.append(" and (actor = :account or detail like :mention)");
      params.put("account", actorOrSubject);
      params.put("mention", "%" + actorOrSubject + "%");
    }
    if (since != null) {
      sql.append(" and at >= :since");
      params.put("since", Sql.ts(since));
    }
    if (until != null) {
      sql.append(" and at < :until");
      params.put("until", Sql.ts(until));
    }
    sql.append(" order by id desc offset ")
        .append((long) Math.max(0, page) * size)
        .append(" rows fetch first ")
        .append(Math.max(1, Math.min(size, 1000)))
        .append(" rows only");
    return jdbc.sql(sql.toString()).params(params).query(AuditLog::map).list();
  }

  /** The rows about one request, oldest first. */
  public List<AuditEntry> forChange(long changeId) {
    return jdbc.sql(
            """
            select id, at, actor_kind, actor, action, service_id, change_id, detail, client_address
            from audit_log where change_id = ? order by id""")
        .param(changeId)
        .query(AuditLog::map)
        .list();
  }

  private static AuditEntry map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new AuditEntry(
        rs.getLong("id"),
        Sql.instant(rs, "at"),
        Actor.Kind.valueOf(rs.getString("actor_kind")),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getObject("service_id", Long.class),
        rs.getObject("change_id", Long.class),
        rs.getString("detail"),
        rs.getString("client_address"));
  }
}
