package org.handover.change;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.handover.catalog.ServiceType;
import org.handover.contact.ContactRole;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for requests, their parties and the open-role claims. */
@Repository
class ChangeRepository {

  private static final String CHANGE_COLUMNS =
      "c.id, c.service_id, s.type, s.name, c.roles, c.from_nic, c.to_nic, c.asking_nic, c.state,"
          + " c.requested_at, c.done_at, c.expires_at, c.next_reminder_at, c.reason";

  private static final String FROM =
      " from contact_changes c join services s on s.id = c.service_id";

  private static final String SELECT = "select " + CHANGE_COLUMNS + FROM;

  private static final String PARTY_COLUMNS =
      "change_id, nic, status, answered_at, code_digest, code_issued_at, code_used_at,"
          + " failed_attempts, resend_window_at, resends_in_window";

  /** A request with one row per party ({@code p.} columns null for none). */
  private static final String SELECT_WITH_PARTIES =
      "select "
          + CHANGE_COLUMNS
          + ", p."
          + PARTY_COLUMNS.replace(", ", ", p.")
          + FROM
          + " left join change_parties p on p.change_id = c.id";

  private final JdbcClient jdbc;

  ChangeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One request and its parties, in one statement. */
  Optional<ContactChange> find(long id) {
    List<Row> change = new ArrayList<>(1);
    List<Party> parties = new ArrayList<>(2);
    jdbc.sql(SELECT_WITH_PARTIES + " where c.id = ?")
        .param(id)
        .query(
            (RowCallbackHandler)
                rs -> {
                  if (change.isEmpty()) {
                    change.add(row(rs, 0));
                  }
                  if (rs.getString("nic") != null) {
                    parties.add(party(rs, 0).getValue());
                  }
                });
    return change.stream().findFirst().map(r -> toChange(r, parties));
  }

  /** Locks the request row for the rest of the transaction, then reads it. */
  Optional<ContactChange> lock(long id) {
    List<Long> locked =
        jdbc.sql("select id from contact_changes where id = ? for update")
            .param(id)
            .query(Long.class)
            .list();
    return locked.isEmpty() ? Optional.empty() : find(id);
  }

  long insert(ContactChange c) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql(
            """
            insert into contact_changes (service_id, roles, from_nic, to_nic, asking_nic, state,
                                         requested_at, expires_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            c.serviceId(),
            ContactRole.encode(c.roles()),
            c.from().value(),
            c.to().value(),
            c.asker().value(),
            c.state().name(),
            Sql.ts(c.requestedAt()),
            Sql.ts(c.expiresAt()))
        .update(keys, "id");
    long id = keys.getKeyAs(Number.class).longValue();
    for (Party p : c.parties()) {
      jdbc.sql(
              "insert into change_parties ("
                  + PARTY_COLUMNS
                  + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(partyParams(id, p))
          .update();
    }
    return id;
  }

  /** Writes the request's state columns (parties are written by their own calls). */
  void update(ContactChange c) {
    jdbc.sql(
            """
            update contact_changes set state = ?, done_at = ?, next_reminder_at = ?, reason = ?
            where id = ?""")
        .params(
            c.state().name(),
            Sql.ts(c.doneAt()),
            Sql.ts(c.nextReminderAt()),
            c.reason() == null ? null : c.reason().encode(),
            c.id())
        .update();
  }

  /** Writes a party's code bookkeeping: failures, new code, rate-limit window. */
  void updateParty(long changeId, Party p) {
    jdbc.sql(
            """
            update change_parties set code_digest = ?, code_issued_at = ?, failed_attempts = ?,
                   resend_window_at = ?, resends_in_window = ?
            where change_id = ? and nic = ?""")
        .params(
            p.codeDigest(),
            Sql.ts(p.codeIssuedAt()),
            p.failedAttempts(),
            Sql.ts(p.resendWindowAt()),
            p.resendsInWindow(),
            changeId,
            p.nic().value())
        .update();
  }

  /**
   * Consumes a party's code and records its answer, only if that exact code is still unused.
   *
   * @return false when another submission consumed it first
   */
  boolean consumeCode(long changeId, Party answered, String digest) {
    return jdbc.sql(
                """
                update change_parties set status = ?, answered_at = ?, code_used_at = ?
                where change_id = ? and nic = ? and code_digest = ? and code_used_at is null
                  and status = 'pending'""")
            .params(
                answered.status().name(),
                Sql.ts(answered.answeredAt()),
                Sql.ts(answered.codeUsedAt()),
                changeId,
                answered.nic().value(),
                digest)
            .update()
        == 1;
  }

  /** Ends every code of a request that has ended. */
  void voidCodes(long changeId) {
    jdbc.sql("update change_parties set code_digest = null where change_id = ?")
        .param(changeId)
        .update();
  }

  /** The open request holding one of these roles of the service, if any. */
  Optional<Map.Entry<ContactRole, Long>> openClaim(long serviceId, Set<ContactRole> roles) {
    return jdbc
        .sql("select role, change_id from open_role_claims where service_id = :s")
        .param("s", serviceId)
        .query((rs, n) -> Map.entry(ContactRole.valueOf(rs.getString(1)), rs.getLong(2)))
        .list()
        .stream()
        .filter(e -> roles.contains(e.getKey()))
        .findFirst();
  }

  void claim(long serviceId, Set<ContactRole> roles, long changeId) {
    for (ContactRole role : roles) {
      jdbc.sql("insert into open_role_claims (service_id, role, change_id) values (?, ?, ?)")
          .params(serviceId, role.name(), changeId)
          .update();
    }
  }

  void releaseClaims(long changeId) {
    jdbc.sql("delete from open_role_claims where change_id = ?").param(changeId).update();
  }

  /** Open requests whose deadline has passed, oldest first. */
  List<Long> dueForExpiry(Instant now, int limit) {
    return jdbc.sql(
            "select id from contact_changes where state = 'validatingByCustomers'"
                + " and expires_at <= ? order by expires_at fetch first "
                + limit
                + " rows only")
        .param(Sql.ts(now))
        .query(Long.class)
        .list();
  }

  /** Open requests with a reminder due. */
  List<Long> dueForReminder(Instant now, int limit) {
    return jdbc.sql(
            "select id from contact_changes where state = 'validatingByCustomers'"
                + " and next_reminder_at <= ? order by next_reminder_at fetch first "
                + limit
                + " rows only")
        .param(Sql.ts(now))
        .query(Long.class)
        .list();
  }

  /** Requests an account is involved in, newest first, one page (two queries in all). */
  List<ContactChange> involving(Nic nic, ChangeState state, Long beforeId, int limit) {
    StringBuilder sql =
        new StringBuilder(
            SELECT + " where (c.asking_nic = :nic or c.from_nic = :nic or c.to_nic = :nic)");
    var params = new HashMap<String, Object>();
    params.put("nic", nic.value());
    if (state != null) {
      sql.append(" and c.state = :state");
      params.put("state", state.name());
    }
    if (beforeId != null) {
      sql.append(" and c.id < :before");
      params.put("before", beforeId);
    }
    sql.append(" order by c.id desc fetch first ").append(limit).append(" rows only");
    return load(sql.toString(), params);
  }

  /** A page of all requests, newest first, for operators. */
  List<ContactChange> search(
      ChangeState state, List<Long> serviceIds, Nic account, int page, int size) {
    StringBuilder sql = new StringBuilder(SELECT + " where 1 = 1");
    var params = new HashMap<String, Object>();
    if (state != null) {
      sql.append(" and c.state = :state");
      params.put("state", state.name());
    }
    if (serviceIds != null) {
      if (serviceIds.isEmpty()) {
        return List.of();
      }
      sql.append(" and c.service_id in (:services)");
      params.put("services", serviceIds);
    }
    if (account != null) {
      sql.append(" and (c.asking_nic = :nic or c.from_nic = :nic or c.to_nic = :nic)");
      params.put("nic", account.value());
    }
    sql.append(" order by c.id desc offset ")
        .append((long) page * size)
        .append(" rows fetch first ")
        .append(size)
        .append(" rows only");
    return load(sql.toString(), params);
  }

  /** Removes the ended requests of a service (before the service itself is deleted). */
  void purgeEnded(long serviceId) {
    jdbc.sql(
            "delete from change_parties where change_id in (select id from contact_changes where"
                + " service_id = ?)")
        .param(serviceId)
        .update();
    jdbc.sql("delete from contact_changes where service_id = ?").param(serviceId).update();
  }

  /** Open requests on a service, by role. */
  Map<ContactRole, Long> openClaims(long serviceId) {
    return jdbc
        .sql("select role, change_id from open_role_claims where service_id = ?")
        .param(serviceId)
        .query((rs, n) -> Map.entry(ContactRole.valueOf(rs.getString(1)), rs.getLong(2)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** Ids of the requests an account asked for, hands over, or receives, newest first. */
  List<Long> idsInvolving(Nic nic, ChangeState state, Nic asking, Nic to) {
    StringBuilder sql =
        new StringBuilder(
            "select id from contact_changes where (asking_nic = :nic or from_nic = :nic"
                + " or to_nic = :nic)");
    var params = new HashMap<String, Object>();
    params.put("nic", nic.value());
    if (state != null) {
      sql.append(" and state = :state");
      params.put("state", state.name());
    }
    if (asking != null) {
      sql.append(" and asking_nic = :asking");
      params.put("asking", asking.value());
    }
    if (to != null) {
      sql.append(" and to_nic = :to");
      params.put("to", to.value());
    }
    sql.append(" order by id desc");
    return jdbc.sql(sql.toString()).params(params).query(Long.class).list();
  }

  private List<ContactChange> load(String sql, Map<String, ?> params) {
    return assemble(jdbc.sql(sql).params(params).query(ChangeRepository::row).list());
  }

  private List<ContactChange> assemble(List<Row> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<Long, List<Party>> parties =
        jdbc
            .sql("select " + PARTY_COLUMNS + " from change_parties where change_id in (:ids)")
            .param("ids", rows.stream().map(Row::id).toList())
            .query(ChangeRepository::party)
            .list()
            .stream()
            .collect(
                Collectors.groupingBy(
                    Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    List<ContactChange> changes = new ArrayList<>();
    for (Row r : rows) {
      changes.add(toChange(r, parties.getOrDefault(r.id(), List.of())));
    }
    return changes;
  }

  /** The request with its parties, the asker first. */
  private static ContactChange toChange(Row r, List<Party> parties) {
    List<Party> ps = new ArrayList<>(parties);
    ps.sort((a, b) -> a.nic().equals(r.asker()) ? -1 : b.nic().equals(r.asker()) ? 1 : 0);
    return r.toChange(ps);
  }

  private record Row(
      long id,
      long serviceId,
      ServiceType type,
      String name,
      Set<ContactRole> roles,
      Nic from,
      Nic to,
      Nic asker,
      ChangeState state,
      Instant requestedAt,
      Instant doneAt,
      Instant expiresAt,
      Instant nextReminderAt,
      Reason reason) {

    ContactChange toChange(List<Party> parties) {
      return new ContactChange(
          id,
          serviceId,
          type,
          name,
          roles,
          from,
          to,
          asker,
          state,
          requestedAt,
          doneAt,
          expiresAt,
          nextReminderAt,
          reason,
          parties);
    }
  }

  private static Row row(ResultSet rs, int n) throws SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getLong("service_id"),
        ServiceType.valueOf(rs.getString("type")),
        rs.getString("name"),
        ContactRole.decode(rs.getString("roles")),
        new Nic(rs.getString("from_nic")),
        new Nic(rs.getString("to_nic")),
        new Nic(rs.getString("asking_nic")),
        ChangeState.valueOf(rs.getString("state")),
        Sql.instant(rs, "requested_at"),
        Sql.instant(rs, "done_at"),
        Sql.instant(rs, "expires_at"),
        Sql.instant(rs, "next_reminder_at"),
        Reason.decode(rs.getString("reason")));
  }

  private static Map.Entry<Long, Party> party(ResultSet rs, int n) throws SQLException {
    return Map.entry(
        rs.getLong("change_id"),
        new Party(
            new Nic(rs.getString("nic")),
            PartyStatus.valueOf(rs.getString("status")),
            Sql.instant(rs, "answered_at"),
            rs.getString("code_digest"),
            Sql.instant(rs, "code_issued_at"),
            Sql.instant(rs, "code_used_at"),
            rs.getInt("failed_attempts"),
            Sql.instant(rs, "resend_window_at"),
            rs.getInt("resends_in_window")));
  }

  private static Object[] partyParams(long changeId, Party p) {
    return new Object[] {
      changeId,
      p.nic().value(),
      p.status().name(),
      Sql.ts(p.answeredAt()),
      p.codeDigest(),
      Sql.ts(p.codeIssuedAt()),
      Sql.ts(p.codeUsedAt()),
      p.failedAttempts(),
      Sql.ts(p.resendWindowAt()),
      p.resendsInWindow()
    };
  }
}
