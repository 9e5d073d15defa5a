package org.handover.reassignment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handover.contact.ContactRole;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Reassignment cases and their services. */
@Repository
class ReassignmentRepository {

  private static final String COLUMNS =
      "id, role, new_contact, evidence, reason, state, opened_by, opened_by_name, approved_by,"
          + " approved_by_name, opened_at,"
          + " cooling_off_ends_at, expires_at, code_digest, code_failures, confirmed_at, ended_at,"
          + " end_reason";

  private final JdbcClient jdbc;

  ReassignmentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a new case with its services; returns its id. */
  long insert(
      ContactRole role,
      Nic newContact,
      String evidence,
      String reason,
      ReassignmentState state,
      CaseStaff openedBy,
      Instant openedAt,
      Instant expiresAt,
      List<ReassignmentCase.Item> items) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql(
            """
            insert into reassignment_cases (role, new_contact, evidence, reason, state, opened_by,
                                            opened_by_name, opened_at, expires_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            role.name(),
            newContact.value(),
            evidence,
            reason,
            state.name(),
            openedBy.id(),
            openedBy.name(),
            Sql.ts(openedAt),
            Sql.ts(expiresAt))
        .update(keys, "id");
    long id = keys.getKeyAs(Number.class).longValue();
    for (ReassignmentCase.Item item : items) {
      jdbc.sql(
              "insert into reassignment_case_services (case_id, service_id, from_contact)"
                  + " values (?, ?, ?)")
          .params(id, item.serviceId(), item.fromContact().value())
          .update();
    }
    return id;
  }

  Optional<ReassignmentCase> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from reassignment_cases where id = ?")
        .param(id)
        .query((rs, n) -> map(rs))
        .optional();
  }

  /** The case, its row locked until the transaction ends (read in the locking statement). */
  Optional<ReassignmentCase> lock(long id) {
    return jdbc.sql("select " + COLUMNS + " from reassignment_cases where id = ? for update")
        .param(id)
        .query((rs, n) -> map(rs))
        .optional();
  }

  void update(ReassignmentCase c) {
    jdbc.sql(
            """
            update reassignment_cases set state = ?, approved_by = ?, approved_by_name = ?,
                   cooling_off_ends_at = ?,
                   code_digest = ?, code_failures = ?, confirmed_at = ?, ended_at = ?, end_reason = ?
            where id = ?""")
        .params(
            c.state().name(),
            c.approvedBy() == null ? null : c.approvedBy().id(),
            c.approvedBy() == null ? null : c.approvedBy().name(),
            Sql.ts(c.coolingOffEndsAt()),
            c.codeDigest(),
            c.codeFailures(),
            Sql.ts(c.confirmedAt()),
            Sql.ts(c.endedAt()),
            c.endReason(),
            c.id())
        .update();
  }

  /** An open case on this role of the service, if any. */
  Optional<Long> openCaseOn(long serviceId, ContactRole role) {
    return jdbc.sql(
            """
            select c.id from reassignment_cases c
              join reassignment_case_services s on s.case_id = c.id
            where s.service_id = ? and c.role = ? and c.state in ('awaitingApproval', 'coolingOff')
            limit 1""")
        .params(serviceId, role.name())
        .query(Long.class)
        .optional();
  }

  /**
   * Up to {@code limit} cases after the first {@code offset}, newest first (only open ones when
   * asked), in three statements whatever their number: the ids, the services of all of them, then
   * the cases.
   */
  List<ReassignmentCase> list(boolean openOnly, long offset, int limit) {
    List<Long> ids =
        jdbc.sql(
                "select id from reassignment_cases"
                    + (openOnly ? " where state in ('awaitingApproval', 'coolingOff')" : "")
                    + " order by id desc limit ? offset ?")
            .params(limit, offset)
            .query(Long.class)
            .list();
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<Long, List<ReassignmentCase.Item>> items = new HashMap<>();
    jdbc.sql(ITEMS + " where s.case_id in (:ids) order by s.case_id, v.name")
        .param("ids", ids)
        .query(
            (rs, n) ->
                items.computeIfAbsent(rs.getLong("case_id"), k -> new ArrayList<>()).add(item(rs)))
        .list();
    return jdbc.sql(
            "select " + COLUMNS + " from reassignment_cases where id in (:ids) order by id desc")
        .param("ids", ids)
        .query((rs, n) -> map(rs, items.getOrDefault(rs.getLong("id"), List.of())))
        .list();
  }

  /** Cases in cooling-off whose period has ended, oldest first. */
  List<Long> dueForApply(Instant now, int limit) {
    return jdbc.sql(
            "select id from reassignment_cases where state = 'coolingOff'"
                + " and cooling_off_ends_at <= ? and confirmed_at is not null"
                + " order by cooling_off_ends_at limit ?")
        .params(Sql.ts(now), limit)
        .query(Long.class)
        .list();
  }

  /** Open cases past their expiry. */
  List<Long> dueForExpiry(Instant now, int limit) {
    return jdbc.sql(
            "select id from reassignment_cases where state in ('awaitingApproval', 'coolingOff')"
                + " and expires_at <= ? order by expires_at limit ?")
        .params(Sql.ts(now), limit)
        .query(Long.class)
        .list();
  }

  private static final String ITEMS =
      "select s.case_id, s.service_id, v.type, v.name, s.from_contact"
          + " from reassignment_case_services s join services v on v.id = s.service_id";

  private List<ReassignmentCase.Item> items(long caseId) {
    return jdbc.sql(ITEMS + " where s.case_id = ? order by v.name")
        .param(caseId)
        .query((rs, n) -> item(rs))
        .list();
  }

  private static ReassignmentCase.Item item(ResultSet rs) throws SQLException {
    return new ReassignmentCase.Item(
        rs.getLong("service_id"),
        rs.getString("type"),
        rs.getString("name"),
        new Nic(rs.getString("from_contact")));
  }

  private ReassignmentCase map(ResultSet rs) throws SQLException {
    return map(rs, items(rs.getLong("id")));
  }

  private static ReassignmentCase map(ResultSet rs, List<ReassignmentCase.Item> items)
      throws SQLException {
    long id = rs.getLong("id");
    return new ReassignmentCase(
        id,
        ContactRole.valueOf(rs.getString("role")),
        new Nic(rs.getString("new_contact")),
        rs.getString("evidence"),
        rs.getString("reason"),
        ReassignmentState.valueOf(rs.getString("state")),
        new CaseStaff(rs.getString("opened_by"), rs.getString("opened_by_name")),
        rs.getString("approved_by") == null
            ? null
            : new CaseStaff(rs.getString("approved_by"), rs.getString("approved_by_name")),
        Sql.instant(rs, "opened_at"),
        Sql.instant(rs, "cooling_off_ends_at"),
        Sql.instant(rs, "expires_at"),
        rs.getString("code_digest"),
        rs.getInt("code_failures"),
        Sql.instant(rs, "confirmed_at"),
        Sql.instant(rs, "ended_at"),
        rs.getString("end_reason"),
        items);
  }
}
