package org.handover.change;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.handover.catalog.ServiceType;
import org.handover.contact.ContactRole;
import org.handover.system.BulkSql;
import org.handover.system.Nic;
import org.handover.system.ReadReplica;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * SQL for change sets: the set row, its items (the {@code contact_changes} rows, the reference's
 * tasks), its parties with their codes, its members, and the open-role claims.
 */
@Repository
class ChangeRepository {

  private static final String SET_COLUMNS =
      "id, asking_nic, state, requested_at, done_at, expires_at, next_reminder_at, reason";

  private static final String ITEM_SELECT =
      "select c.id, c.set_id, c.service_id, s.type, s.name, c.roles, c.from_nic, c.to_nic"
          + " from contact_changes c join services s on s.id = c.service_id";

  private static final String PARTY_COLUMNS =
      "set_id, nic, status, answered_at, code_digest, code_issued_at, code_used_at,"
          + " failed_attempts, resend_window_at, resends_in_window, replaced_digest";

  /** Items a list shows per set; a set's page shows them all. */
  static final int PREVIEW_ITEMS = 3;

  private final JdbcClient jdbc;
  private final BulkSql bulk;
  private final ReadReplica reads;

  /**
   * Everything reads and writes the primary, except the lists of My requests and the operators'
   * task search, which read the replica when one is configured ({@link ReadReplica}).
   */
  ChangeRepository(JdbcClient jdbc, BulkSql bulk, ReadReplica reads) {
    this.jdbc = jdbc;
    this.bulk = bulk;
    this.reads = reads;
  }

  // ---- reading -------------------------------------------------------------------------

  /** One set with all its items, parties and members. */
  Optional<ChangeSet> find(long id) {
    return load(jdbc, List.of(id), null, true, false).stream().findFirst();
  }

  /**
   * Reads the set row under a lock held for the rest of the transaction (the read that locks is the
   * set's own read), then its items, parties and members.
   */
  Optional<ChangeSet> lock(long id) {
    return load(jdbc, List.of(id), null, true, true).stream().findFirst();
  }

  /** The set of a task (item) whole, read from the task id: the set's row comes first. */
  Optional<ChangeSet> findByTask(long taskId) {
    List<SetRow> rows =
        jdbc.sql(
                "select "
                    + SET_COLUMNS
                    + " from change_sets where id ="
                    + " (select set_id from contact_changes where id = :task)")
            .param("task", taskId)
            .query(ChangeRepository::setRow)
            .list();
    return loadRows(jdbc, rows, null, true).stream().findFirst();
  }

  /** The set a task (item) belongs to, if the account is a member of that set: one statement. */
  Optional<Long> setOfTaskForMember(long taskId, Nic nic) {
    return jdbc.sql(
            "select c.set_id from contact_changes c join set_members m on m.set_id = c.set_id"
                + " where c.id = ? and m.nic = ?")
        .params(taskId, nic.value())
        .query(Long.class)
        .optional();
  }

  /** Sets an account is a member of, newest first, one page, each with its first items. */
  List<ChangeSet> involving(
      Nic nic, ChangeState state, boolean awaitingMe, Long beforeId, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "select m.set_id from set_members m join change_sets s on s.id = m.set_id"
                + " where m.nic = :nic");
    Map<String, Object> params = new HashMap<>();
    params.put("nic", nic.value());
    if (state != null) {
      sql.append(" and s.state = :state");
      params.put("state", state.name());
    }
    if (awaitingMe) {
      sql.append(
          " and s.state = 'validatingByCustomers' and exists (select 1 from set_parties p"
              + " where p.set_id = s.id and p.nic = :nic and p.status = 'pending')");
    }
    if (beforeId != null) {
      sql.append(" and m.set_id < :before");
      params.put("before", beforeId);
    }
    sql.append(" order by m.set_id desc fetch first ").append(limit).append(" rows only");
    JdbcClient db = reads.forLists(nic);
    List<Long> ids = db.sql(sql.toString()).params(params).query(Long.class).list();
    return load(db, ids, nic, false, false);
  }

  /** How many open sets wait for this account's code. */
  int awaitingCount(Nic nic) {
    return jdbc.sql(
            "select count(*) from set_parties p join change_sets s on s.id = p.set_id"
                + " where p.nic = ? and p.status = 'pending' and s.state = 'validatingByCustomers'")
        .param(nic.value())
        .query(Integer.class)
        .single();
  }

  /** Of these services, those with open sets: by service, the set id claiming each role. */
  Map<Long, Map<ContactRole, Long>> openClaimsOf(Collection<Long> serviceIds) {
    Map<Long, Map<ContactRole, Long>> open = new HashMap<>();
    BulkSql.chunks(
        List.copyOf(serviceIds),
        chunk ->
            jdbc.sql(
                    "select o.service_id, o.role, c.set_id from open_role_claims o"
                        + " join contact_changes c on c.id = o.change_id"
                        + " where o.service_id in (:ids)")
                .param("ids", chunk)
                .query(
                    (rs, n) ->
                        open.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(ContactRole.class))
                            .put(ContactRole.valueOf(rs.getString(2)), rs.getLong(3)))
                .list());
    return open;
  }

  /** The sets among {@code setIds} the account is a member of. */
  Set<Long> setsWithMember(Nic nic, Collection<Long> setIds) {
    if (setIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.sql("select set_id from set_members where nic = :nic and set_id in (:ids)")
            .param("nic", nic.value())
            .param("ids", setIds)
            .query(Long.class)
            .list());
  }

  /** Ids of the tasks of the sets an account is a member of, newest first. */
  List<Long> taskIdsInvolving(Nic nic, ChangeState state, Nic asking, Nic to) {
    StringBuilder sql =
        new StringBuilder(
            "select c.id from set_members m join change_sets s on s.id = m.set_id"
                + " join contact_changes c on c.set_id = m.set_id where m.nic = :nic");
    Map<String, Object> params = new HashMap<>();
    params.put("nic", nic.value());
    if (state != null) {
      sql.append(" and s.state = :state");
      params.put("state", state.name());
    }
    if (asking != null) {
      sql.append(" and s.asking_nic = :asking");
      params.put("asking", asking.value());
    }
    if (to != null) {
      sql.append(" and c.to_nic = :to");
      params.put("to", to.value());
    }
    sql.append(" order by c.id desc");
    return jdbc.sql(sql.toString()).params(params).query(Long.class).list();
  }

  /**
   * A page of every task, newest first, for operators, each with its set (holding that task as its
   * only item).
   */
  List<Map.Entry<ChangeSet, ChangeItem>> searchTasks(
      ChangeState state, List<Long> serviceIds, Nic account, int page, int size) {
    StringBuilder sql =
        new StringBuilder(
            "select c.id, c.set_id from contact_changes c join change_sets s on s.id = c.set_id"
                + " where 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (state != null) {
      sql.append(" and s.state = :state");
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
      sql.append(
          " and exists (select 1 from set_members m where m.set_id = c.set_id and m.nic = :nic)");
      params.put("nic", account.value());
    }
    sql.append(" order by c.id desc offset ")
        .append((long) page * size)
        .append(" rows fetch first ")
        .append(size)
        .append(" rows only");
    JdbcClient db = reads.forSearches();
    Map<Long, Long> taskToSet = new LinkedHashMap<>();
    db.sql(sql.toString())
        .params(params)
        .query(
            (rs, n) -> {
              taskToSet.put(rs.getLong(1), rs.getLong(2));
              return null;
            })
        .list();
    Map<Long, ChangeSet> sets =
        loadWithTasks(db, taskToSet.values().stream().distinct().toList(), taskToSet.keySet())
            .stream()
            .collect(Collectors.toMap(ChangeSet::id, s -> s));
    List<Map.Entry<ChangeSet, ChangeItem>> found = new ArrayList<>();
    taskToSet.forEach(
        (task, set) -> found.add(Map.entry(sets.get(set), sets.get(set).item(task).orElseThrow())));
    return found;
  }

  /** Open sets whose deadline has passed, oldest first. */
  List<Long> dueForExpiry(Instant now, int limit) {
    return jdbc.sql(
            "select id from change_sets where state = 'validatingByCustomers'"
                + " and expires_at <= ? order by expires_at fetch first "
                + limit
                + " rows only")
        .param(Sql.ts(now))
        .query(Long.class)
        .list();
  }

  /** Open sets with a reminder due. */
  List<Long> dueForReminder(Instant now, int limit) {
    return jdbc.sql(
            "select id from change_sets where state = 'validatingByCustomers'"
                + " and next_reminder_at <= ? order by next_reminder_at fetch first "
                + limit
                + " rows only")
        .param(Sql.ts(now))
        .query(Long.class)
        .list();
  }

  /** Open sets on a service, by role (the set id). */
  Map<ContactRole, Long> openClaims(long serviceId) {
    return openClaimsOf(List.of(serviceId)).getOrDefault(serviceId, Map.of());
  }

  // ---- writing -------------------------------------------------------------------------

  /**
   * Inserts a new set: its row, items (whose ids it returns in item order), parties, members and
   * the claims on its roles; a claim already held fails the insert (unique key).
   */
  ChangeSet insert(ChangeSet set) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into change_sets (asking_nic, state, requested_at, expires_at)"
                + " values (?, ?, ?, ?)")
        .params(
            set.asker().value(),
            set.state().name(),
            Sql.ts(set.requestedAt()),
            Sql.ts(set.expiresAt()))
        .update(keys, "id");
    long id = keys.getKeyAs(Number.class).longValue();
    set.assignId(id);
    bulk.insert(
        "contact_changes",
        "set_id, service_id, roles, from_nic, to_nic",
        set.items().stream()
            .map(
                i ->
                    new Object[] {
                      id,
                      i.serviceId(),
                      ContactRole.encode(i.roles()),
                      i.from().value(),
                      i.to().value()
                    })
            .toList());
    Map<String, Long> taskIds = new HashMap<>();
    jdbc.sql("select id, service_id, from_nic, to_nic from contact_changes where set_id = ?")
        .param(id)
        .query(
            (rs, n) ->
                taskIds.put(
                    rs.getLong(2) + " " + rs.getString(3) + " " + rs.getString(4), rs.getLong(1)))
        .list();
    List<ChangeItem> items =
        set.items().stream()
            .map(i -> i.withTaskId(taskIds.get(i.serviceId() + " " + i.from() + " " + i.to())))
            .toList();
    bulk.insert(
        "set_parties", PARTY_COLUMNS, set.parties().stream().map(p -> partyParams(id, p)).toList());
    List<Object[]> members = new ArrayList<>();
    for (Nic nic : set.members()) {
      members.add(new Object[] {id, nic.value(), set.mayCancel(nic)});
    }
    bulk.insert("set_members", "set_id, nic, can_cancel", members);
    List<Object[]> claims = new ArrayList<>();
    for (ChangeItem item : items) {
      for (ContactRole role : item.roles()) {
        claims.add(new Object[] {item.serviceId(), role.name(), item.taskId()});
      }
    }
    bulk.insert("open_role_claims", "service_id, role, change_id", claims);
    set.itemsStored(items);
    return set;
  }

  /** Writes the set's state columns (parties are written by their own calls). */
  void update(ChangeSet c) {
    jdbc.sql(
            """
            update change_sets set state = ?, done_at = ?, next_reminder_at = ?, reason = ?
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
  void updateParty(long setId, Party p) {
    jdbc.sql(
            """
            update set_parties set code_digest = ?, code_issued_at = ?, failed_attempts = ?,
                   resend_window_at = ?, resends_in_window = ?, replaced_digest = ?
            where set_id = ? and nic = ?""")
        .params(
            p.codeDigest(),
            Sql.ts(p.codeIssuedAt()),
            p.failedAttempts(),
            Sql.ts(p.resendWindowAt()),
            p.resendsInWindow(),
            p.replacedDigest(),
            setId,
            p.nic().value())
        .update();
  }

  /**
   * Consumes a party's code and records its answer, only if that exact code is still unused.
   *
   * @return false when another submission consumed it first
   */
  boolean consumeCode(long setId, Party answered, String digest) {
    return jdbc.sql(
                """
                update set_parties set status = ?, answered_at = ?, code_used_at = ?
                where set_id = ? and nic = ? and code_digest = ? and code_used_at is null
                  and status = 'pending'""")
            .params(
                answered.status().name(),
                Sql.ts(answered.answeredAt()),
                Sql.ts(answered.codeUsedAt()),
                setId,
                answered.nic().value(),
                digest)
            .update()
        == 1;
  }

  /**
   * Voids the codes not used when a set ends, and forgets the replaced ones. A used code's digest
   * stays, so a repeated accept of a sibling task with it is recognised as a no-op.
   */
  void voidUnusedCodes(long setId) {
    jdbc.sql(
            """
            update set_parties
            set code_digest = case when code_used_at is null then null else code_digest end,
                replaced_digest = null
            where set_id = ?""")
        .param(setId)
        .update();
  }

  void releaseClaims(long setId) {
    jdbc.sql(
            "delete from open_role_claims where change_id in"
                + " (select id from contact_changes where set_id = ?)")
        .param(setId)
        .update();
  }

  /**
   * Removes a service's items from the ended sets (before the service itself is deleted), and the
   * sets left without items; a set that also holds other services keeps their items.
   */
  void purgeEnded(long serviceId) {
    List<Long> sets =
        jdbc.sql("select distinct set_id from contact_changes where service_id = ?")
            .param(serviceId)
            .query(Long.class)
            .list();
    jdbc.sql("delete from contact_changes where service_id = ?").param(serviceId).update();
    if (sets.isEmpty()) {
      return;
    }
    List<Long> empty =
        jdbc.sql(
                "select s.id from change_sets s where s.id in (:ids) and not exists"
                    + " (select 1 from contact_changes c where c.set_id = s.id)")
            .param("ids", sets)
            .query(Long.class)
            .list();
    if (empty.isEmpty()) {
      return;
    }
    for (String table : List.of("set_parties", "set_members")) {
      jdbc.sql("delete from " + table + " where set_id in (:ids)").param("ids", empty).update();
    }
    jdbc.sql("delete from change_sets where id in (:ids)").param("ids", empty).update();
  }

  // ---- assembling ------------------------------------------------------------------------

  /**
   * Reads sets by id, in the order given: all items when {@code allItems}, else the first {@value
   * #PREVIEW_ITEMS}; every member, or only {@code viewer}'s row when a viewer is given.
   */
  /** A set's own row, read first (under a lock when the caller moves the set). */
  private record SetRow(
      long id,
      Nic asker,
      ChangeState state,
      Instant requestedAt,
      Instant doneAt,
      Instant expiresAt,
      Instant nextReminderAt,
      Reason reason) {}

  private static List<SetRow> setRows(JdbcClient db, List<Long> ids, boolean forUpdate) {
    return db.sql(
            "select "
                + SET_COLUMNS
                + " from change_sets where id in (:ids)"
                + (forUpdate ? " for update" : ""))
        .param("ids", ids)
        .query(ChangeRepository::setRow)
        .list();
  }

  private static SetRow setRow(ResultSet rs, int n) throws SQLException {
    return new SetRow(
        rs.getLong("id"),
        new Nic(rs.getString("asking_nic")),
        ChangeState.valueOf(rs.getString("state")),
        Sql.instant(rs, "requested_at"),
        Sql.instant(rs, "done_at"),
        Sql.instant(rs, "expires_at"),
        Sql.instant(rs, "next_reminder_at"),
        Reason.decode(rs.getString("reason")));
  }

  private List<ChangeSet> load(
      JdbcClient db, List<Long> ids, Nic viewer, boolean allItems, boolean forUpdate) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return loadRows(db, setRows(db, ids, forUpdate), viewer, allItems);
  }

  /** The sets of these rows with their items (all, or the first few), parties and members. */
  private List<ChangeSet> loadRows(JdbcClient db, List<SetRow> rows, Nic viewer, boolean allItems) {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<Long> ids = rows.stream().map(SetRow::id).toList();
    String items =
        allItems
            ? ITEM_SELECT + " where c.set_id in (:ids) order by c.id"
            : "select * from ("
                + ITEM_SELECT.replace(
                    "select c.id,",
                    "select row_number() over (partition by c.set_id order by c.id) as pos, c.id,")
                + " where c.set_id in (:ids)) i where i.pos <= "
                + PREVIEW_ITEMS
                + " order by i.id";
    return assemble(
        db,
        ids,
        rows,
        viewer,
        db.sql(items).param("ids", ids).query(ChangeRepository::item).list(),
        allItems);
  }

  /** Reads sets holding, as items, only the given tasks. */
  private List<ChangeSet> loadWithTasks(JdbcClient db, List<Long> ids, Collection<Long> tasks) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<SetRow> rows = setRows(db, ids, false);
    List<Map.Entry<Long, ChangeItem>> items =
        db.sql(ITEM_SELECT + " where c.id in (:tasks) order by c.id")
            .param("tasks", tasks)
            .query(ChangeRepository::item)
            .list();
    return assemble(db, ids, rows, null, items, false);
  }

  /**
   * Adds the parties and members to the set rows. {@code complete}: the item rows hold every item,
   * so they are their own count; otherwise the items are counted.
   */
  private List<ChangeSet> assemble(
      JdbcClient db,
      List<Long> ids,
      List<SetRow> rows,
      Nic viewer,
      List<Map.Entry<Long, ChangeItem>> itemRows,
      boolean complete) {
    Map<Long, List<ChangeItem>> items = group(itemRows);
    Map<Long, List<Party>> parties =
        group(
            db.sql("select " + PARTY_COLUMNS + " from set_parties where set_id in (:ids)")
                .param("ids", ids)
                .query(ChangeRepository::party)
                .list());
    String memberSql =
        "select set_id, nic, can_cancel from set_members where set_id in (:ids)"
            + (viewer == null ? "" : " and nic = :nic");
    var memberQuery = db.sql(memberSql).param("ids", ids);
    if (viewer != null) {
      memberQuery = memberQuery.param("nic", viewer.value());
    }
    Map<Long, Map<Nic, Boolean>> members = new HashMap<>();
    memberQuery
        .query(
            (rs, n) ->
                members
                    .computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                    .put(new Nic(rs.getString(2)), rs.getBoolean(3)))
        .list();
    Map<Long, Integer> counts = new HashMap<>();
    if (complete) {
      items.forEach((id, list) -> counts.put(id, list.size()));
    } else {
      db.sql("select set_id, count(*) from contact_changes where set_id in (:ids) group by set_id")
          .param("ids", ids)
          .query((rs, n) -> counts.put(rs.getLong(1), rs.getInt(2)))
          .list();
    }
    Map<Long, ChangeSet> sets = new HashMap<>();
    for (SetRow row : rows) {
      List<Party> ps = new ArrayList<>(parties.getOrDefault(row.id(), List.of()));
      ps.sort((a, b) -> a.nic().equals(row.asker()) ? -1 : b.nic().equals(row.asker()) ? 1 : 0);
      sets.put(
          row.id(),
          new ChangeSet(
              row.id(),
              row.asker(),
              row.state(),
              row.requestedAt(),
              row.doneAt(),
              row.expiresAt(),
              row.nextReminderAt(),
              row.reason(),
              ps,
              items.getOrDefault(row.id(), List.of()),
              counts.getOrDefault(row.id(), 0),
              members.getOrDefault(row.id(), Map.of())));
    }
    return ids.stream().map(sets::get).filter(Objects::nonNull).toList();
  }

  private static <T> Map<Long, List<T>> group(List<Map.Entry<Long, T>> rows) {
    return rows.stream()
        .collect(
            Collectors.groupingBy(
                Map.Entry::getKey,
                LinkedHashMap::new,
                Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }

  private static Map.Entry<Long, ChangeItem> item(ResultSet rs, int n) throws SQLException {
    Set<ContactRole> roles = ContactRole.decode(rs.getString("roles"));
    return Map.entry(
        rs.getLong("set_id"),
        new ChangeItem(
            rs.getLong("id"),
            rs.getLong("service_id"),
            ServiceType.valueOf(rs.getString("type")),
            rs.getString("name"),
            roles,
            new Nic(rs.getString("from_nic")),
            new Nic(rs.getString("to_nic"))));
  }

  private static Map.Entry<Long, Party> party(ResultSet rs, int n) throws SQLException {
    return Map.entry(
        rs.getLong("set_id"),
        new Party(
            new Nic(rs.getString("nic")),
            PartyStatus.valueOf(rs.getString("status")),
            Sql.instant(rs, "answered_at"),
            rs.getString("code_digest"),
            Sql.instant(rs, "code_issued_at"),
            Sql.instant(rs, "code_used_at"),
            rs.getInt("failed_attempts"),
            Sql.instant(rs, "resend_window_at"),
            rs.getInt("resends_in_window"),
            rs.getString("replaced_digest")));
  }

  private static Object[] partyParams(long setId, Party p) {
    return new Object[] {
      setId,
      p.nic().value(),
      p.status().name(),
      Sql.ts(p.answeredAt()),
      p.codeDigest(),
      Sql.ts(p.codeIssuedAt()),
      Sql.ts(p.codeUsedAt()),
      p.failedAttempts(),
      Sql.ts(p.resendWindowAt()),
      p.resendsInWindow(),
      p.replacedDigest()
    };
  }
}
