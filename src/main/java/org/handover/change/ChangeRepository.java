package org.handover.change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.handover.contact.ContactRole;
import org.handover.system.BulkSql;
import org.handover.system.Nic;
import org.handover.system.ReadReplica;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL that finds change sets rather than moving one: a member's lists, the operators' search, the
 * open-role claims of services, the sets due for expiry or a reminder. Sets found are read whole
 * (or with their first items) by {@link ChangeSetRows}; saving goes through {@link ChangeSets}.
 */
@Repository
class ChangeRepository {

  private final JdbcClient jdbc;
  private final ChangeSetRows rows;
  private final ReadReplica reads;

  /**
   * Everything reads the primary, except the lists of My requests and the operators' task search,
   * which read the replica when one is configured ({@link ReadReplica}).
   */
  ChangeRepository(JdbcClient jdbc, ChangeSetRows rows, ReadReplica reads) {
    this.jdbc = jdbc;
    this.rows = rows;
    this.reads = reads;
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
    return rows.load(db, ids, nic, false, false);
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
        rows
            .loadWithTasks(db, taskToSet.values().stream().distinct().toList(), taskToSet.keySet())
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
}
