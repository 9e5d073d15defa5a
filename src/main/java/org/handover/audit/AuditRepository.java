package org.handover.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.handover.system.Actor;
import org.handover.system.BulkSql;
import org.handover.system.InsertPart;
import org.handover.system.ReadReplica;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code audit_log} table: inserts and reads only (the trail is append-only). */
@Repository
class AuditRepository {

  private static final String COLUMNS =
      "id, at, actor_kind, actor, actor_name, action, service_id, change_id, owner_change_id,"
          + " reassignment_id, roles, from_account, to_account, detail, client_address";

  private static final String INSERTED =
      "at, actor_kind, actor, actor_name, action, service_id, change_id, owner_change_id,"
          + " reassignment_id, roles, from_account, to_account, detail, client_address";

  private final JdbcClient jdbc;
  private final BulkSql bulk;
  private final ReadReplica reads;

  /** Operators' searches read the replica when one is configured; everything else the primary. */
  AuditRepository(JdbcClient jdbc, BulkSql bulk, ReadReplica reads) {
    this.jdbc = jdbc;
    this.bulk = bulk;
    this.reads = reads;
  }

  void insert(Instant at, AuditLog.Entry entry) {
    jdbc.sql(
            "insert into audit_log ("
                + INSERTED
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(values(at, entry))
        .update();
  }

  void insertAll(Instant at, List<AuditLog.Entry> entries) {
    bulk.insert(rows(at, entries));
  }

  InsertPart rows(Instant at, List<AuditLog.Entry> entries) {
    return InsertPart.values(
        "audit_log", INSERTED, entries.stream().map(e -> values(at, e)).toList());
  }

  private static Object[] values(Instant at, AuditLog.Entry e) {
    AuditSubject s = e.subject();
    return new Object[] {
      Sql.ts(at),
      e.actor().kind().name(),
      e.actor().id(),
      e.actor().name(),
      e.action(),
      s.serviceId(),
      s.changeSetId(),
      s.ownerChangeId(),
      s.reassignmentId(),
      s.roles(),
      s.fromAccount(),
      s.toAccount(),
      e.detail(),
      e.actor().clientAddress()
    };
  }

  List<AuditEntry> search(
      List<Long> serviceIds,
      String actorOrSubject,
      Instant since,
      Instant until,
      int page,
      int size) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_log where 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (serviceIds != null) {
      if (serviceIds.isEmpty()) {
        return List.of();
      }
      sql.append(" and service_id in (:services)");
      params.put("services", serviceIds);
    }
    if (actorOrSubject != null) {
      sql.append(" and (actor = :account or actor_name = :account or detail like :mention)");
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
    return reads
        .forSearches()
        .sql(sql.toString())
        .params(params)
        .query(AuditRepository::map)
        .list();
  }

  List<AuditEntry> forChange(long changeId) {
    return jdbc.sql("select " + COLUMNS + " from audit_log where change_id = ? order by id")
        .param(changeId)
        .query(AuditRepository::map)
        .list();
  }

  List<AuditEntry> forService(
      long serviceId, List<String> actions, List<String> prefixes, Long before, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "select "
                + COLUMNS
                + " from audit_log where service_id = :service and (action in"
                + " (:actions)");
    Map<String, Object> params = new HashMap<>();
    params.put("service", serviceId);
    params.put("actions", actions);
    for (int i = 0; i < prefixes.size(); i++) {
      sql.append(" or action like :prefix").append(i);
      params.put("prefix" + i, prefixes.get(i).replace("%", "") + "%");
    }
    sql.append(")");
    if (before != null) {
      sql.append(" and id < :before");
      params.put("before", before);
    }
    sql.append(" order by id desc fetch first ")
        .append(Math.max(1, Math.min(limit, 1000)))
        .append(" rows only");
    return jdbc.sql(sql.toString()).params(params).query(AuditRepository::map).list();
  }

  private static AuditEntry map(ResultSet rs, int n) throws SQLException {
    return new AuditEntry(
        rs.getLong("id"),
        Sql.instant(rs, "at"),
        Actor.Kind.valueOf(rs.getString("actor_kind")),
        rs.getString("actor"),
        rs.getString("actor_name"),
        rs.getString("action"),
        new AuditSubject(
            rs.getObject("service_id", Long.class),
            rs.getObject("change_id", Long.class),
            rs.getObject("owner_change_id", Long.class),
            rs.getObject("reassignment_id", Long.class),
            rs.getString("roles"),
            rs.getString("from_account"),
            rs.getString("to_account")),
        rs.getString("detail"),
        rs.getString("client_address"));
  }
}
