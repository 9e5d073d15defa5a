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

  /** The rows about one request, oldest first. */
  public List<AuditEntry> forChange(long changeId) {
    return jdbc.sql(
            """
            select id, at, actor_kind, actor, action, service_id, change_id, detail, client_address
            from audit_log where change_id = ? order by id""")
        .param(changeId)
        .query(
            (rs, n) ->
                new AuditEntry(
                    rs.getLong("id"),
                    Sql.instant(rs, "at"),
                    Actor.Kind.valueOf(rs.getString("actor_kind")),
                    rs.getString("actor"),
                    rs.getString("action"),
                    (Long) rs.getObject("service_id", Long.class),
                    (Long) rs.getObject("change_id", Long.class),
                    rs.getString("detail"),
                    rs.getString("client_address")))
        .list();
  }
}
