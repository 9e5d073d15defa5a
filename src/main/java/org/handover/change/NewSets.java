package org.handover.change;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.handover.contact.ContactRole;
import org.handover.system.BulkSql;
import org.handover.system.InsertPart;
import org.handover.system.JointInsert;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The rows of a new change set, in as few statements as their keys allow: the set's row, already in
 * the state its request step ends in (one statement, for its id); its items, reading back their
 * task ids in the same statement (for the claims); then its parties, members and claims as inserts
 * that {@link ChangeEffects} writes in the one statement of the step's emails and audit rows.
 */
@Repository
class NewSets {

  private final JdbcClient jdbc;
  private final JointInsert joint;
  private final BulkSql bulk;

  NewSets(JdbcClient jdbc, JointInsert joint, BulkSql bulk) {
    this.jdbc = jdbc;
    this.joint = joint;
    this.bulk = bulk;
  }

  /**
   * Inserts the set's row and items (the set gets its id and task ids); returns the inserts of its
   * parties, members and claims on its roles, still to run in the same transaction.
   */
  List<InsertPart> insert(ChangeSet set) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into change_sets (asking_nic, state, requested_at, expires_at,"
                + " next_reminder_at) values (?, ?, ?, ?, ?)")
        .params(
            set.asker().value(),
            set.state().name(),
            Sql.ts(set.requestedAt()),
            Sql.ts(set.expiresAt()),
            Sql.ts(set.nextReminderAt()))
        .update(keys, "id");
    long id = keys.getKeyAs(Number.class).longValue();
    set.assignId(id);
    List<ChangeItem> items = insertItems(id, set.items());
    set.itemsStored(items);
    List<Object[]> members = new ArrayList<>();
    for (Nic nic : set.members()) {
      members.add(new Object[] {id, nic.value(), set.mayCancel(nic)});
    }
    List<Object[]> claims = new ArrayList<>();
    for (ChangeItem item : items) {
      for (ContactRole role : item.roles()) {
        claims.add(new Object[] {item.serviceId(), role.name(), item.taskId()});
      }
    }
    return List.of(
        InsertPart.values(
            "set_parties",
            ChangeSetRows.PARTY_COLUMNS,
            set.parties().stream().map(p -> ChangeSetRows.partyParams(id, p)).toList()),
        InsertPart.values("set_members", "set_id, nic, can_cancel", members),
        InsertPart.values("open_role_claims", "service_id, role, change_id", claims));
  }

  /** Inserts the items; returns them with their task ids, in item order. */
  private List<ChangeItem> insertItems(long id, List<ChangeItem> items) {
    InsertPart insert =
        InsertPart.values(
            "contact_changes",
            "set_id, service_id, roles, from_nic, to_nic",
            items.stream()
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
    String columns = "id, service_id, from_nic, to_nic";
    Map<String, Long> taskIds = new HashMap<>();
    if (items.size() <= BulkSql.ROWS_PER_INSERT) {
      joint.returning(insert, columns, (rs, n) -> taskIds.put(key(rs), rs.getLong(1)));
    } else {
      bulk.insert(insert);
      jdbc.sql("select " + columns + " from contact_changes where set_id = ?")
          .param(id)
          .query((rs, n) -> taskIds.put(key(rs), rs.getLong(1)))
          .list();
    }
    return items.stream()
        .map(i -> i.withTaskId(taskIds.get(i.serviceId() + " " + i.from() + " " + i.to())))
        .toList();
  }

  private static String key(ResultSet rs) throws SQLException {
    return rs.getLong(2) + " " + rs.getString(3) + " " + rs.getString(4);
  }
}
