package org.handover.change;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.handover.catalog.ServiceType;
import org.handover.contact.ContactRole;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads change sets whole from their rows, a fixed number of statements whatever their size: one
 * set in one statement ({@link WholeSetRead}), or two when the caller moves it (its row locked
 * first); several sets for a list as their rows, then their items, parties and members.
 */
@Repository
class ChangeSetRows {

  static final String SET_COLUMNS =
      "id, asking_nic, state, requested_at, done_at, expires_at, next_reminder_at, reason";

  static final String PARTY_COLUMNS =
      "set_id, nic, status, answered_at, code_digest, code_issued_at, code_used_at,"
          + " failed_attempts, resend_window_at, resends_in_window, replaced_digest";

  private static final String ITEM_SELECT =
      "select c.id, c.set_id, c.service_id, s.type, s.name, c.roles, c.from_nic, c.to_nic"
          + " from contact_changes c join services s on s.id = c.service_id";

  /** Items a list shows per set; a set's page shows them all. */
  static final int PREVIEW_ITEMS = 3;

  private final JdbcClient jdbc;
  private final WholeSetRead whole;

  ChangeSetRows(JdbcClient jdbc, WholeSetRead whole) {
    this.jdbc = jdbc;
    this.whole = whole;
  }

  /**
   * One set with all its items, parties and members, in one statement; {@code forUpdate} locks its
   * row first, in a statement of its own (a locking read cannot be a union).
   */
  Optional<ChangeSet> find(long id, boolean forUpdate) {
    if (!forUpdate) {
      return whole.read(WholeSetRead.BY_ID, id);
    }
    List<SetRow> locked = setRows(jdbc, List.of(id), true);
    return locked.isEmpty() ? Optional.empty() : whole.read(WholeSetRead.BY_ID, id, locked.get(0));
  }

  /** The set of a task (item) whole, read from the task id in one statement. */
  Optional<ChangeSet> findByTask(long taskId) {
    return whole.read(WholeSetRead.BY_TASK, taskId);
  }

  /**
   * Reads sets by id, in the order given: all items when {@code allItems}, else the first {@value
   * #PREVIEW_ITEMS}; every member, or only {@code viewer}'s row when a viewer is given.
   */
  List<ChangeSet> load(
      JdbcClient db, List<Long> ids, Nic viewer, boolean allItems, boolean forUpdate) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return loadRows(db, setRows(db, ids, forUpdate), viewer, allItems);
  }

  /** Reads sets holding, as items, only the given tasks. */
  List<ChangeSet> loadWithTasks(JdbcClient db, List<Long> ids, Collection<Long> tasks) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<SetRow> rows = setRows(db, ids, false);
    List<Map.Entry<Long, ChangeItem>> items =
        db.sql(ITEM_SELECT + " where c.id in (:tasks) order by c.id")
            .param("tasks", tasks)
            .query(ChangeSetRows::item)
            .list();
    return assemble(db, ids, rows, null, items, false);
  }

  private static List<SetRow> setRows(JdbcClient db, List<Long> ids, boolean forUpdate) {
    return db.sql(
            "select "
                + SET_COLUMNS
                + " from change_sets where id in (:ids)"
                + (forUpdate ? " for update" : ""))
        .param("ids", ids)
        .query(ChangeSetRows::setRow)
        .list();
  }

  static SetRow setRow(ResultSet rs, int n) throws SQLException {
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
        db.sql(items).param("ids", ids).query(ChangeSetRows::item).list(),
        allItems);
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
                .query(ChangeSetRows::party)
                .list());
    Map<Long, Map<Nic, Boolean>> members = members(db, ids, viewer);
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
      sets.put(
          row.id(),
          set(
              row,
              items.getOrDefault(row.id(), List.of()),
              counts.getOrDefault(row.id(), 0),
              parties.getOrDefault(row.id(), List.of()),
              members.getOrDefault(row.id(), Map.of())));
    }
    return ids.stream().map(sets::get).filter(Objects::nonNull).toList();
  }

  /** A set from its rows: the asker first among its parties; {@code count} items in all. */
  static ChangeSet set(
      SetRow row,
      List<ChangeItem> items,
      int count,
      List<Party> parties,
      Map<Nic, Boolean> members) {
    List<Party> ps = new ArrayList<>(parties);
    ps.sort((a, b) -> a.nic().equals(row.asker()) ? -1 : b.nic().equals(row.asker()) ? 1 : 0);
    return new ChangeSet(
        row, new SetParties(ps), new SetItems(items, count), new SetMembers(members));
  }

  /** Every member of these sets, or only {@code viewer}'s row when a viewer is given. */
  private static Map<Long, Map<Nic, Boolean>> members(JdbcClient db, List<Long> ids, Nic viewer) {
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
    return members;
  }

  private static <T> Map<Long, List<T>> group(List<Map.Entry<Long, T>> rows) {
    return rows.stream()
        .collect(
            Collectors.groupingBy(
                Map.Entry::getKey,
                LinkedHashMap::new,
                Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }

  static Map.Entry<Long, ChangeItem> item(ResultSet rs, int n) throws SQLException {
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

  static Map.Entry<Long, Party> party(ResultSet rs, int n) throws SQLException {
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

  /** A party's values in the order of {@link #PARTY_COLUMNS}. */
  static Object[] partyParams(long setId, Party p) {
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
