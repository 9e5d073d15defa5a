package org.handover.change;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handover.system.Nic;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One change set read whole in one statement: its row, its items, its parties and its members as
 * one {@code union all} of four selects over the same columns, each row tagged with its kind (the
 * columns another kind has are null). Plain SQL that H2 and PostgreSQL both run; a set's page, a
 * signed task read and a step's locked read cost one round trip instead of four. Rows come in kind
 * order, items by task id, parties and members by customer ID.
 */
@Repository
class WholeSetRead {

  private static final int SET = 0;
  private static final int ITEM = 1;
  private static final int PARTY = 2;
  private static final int MEMBER = 3;

  private static final String TS = "timestamp with time zone";

  /**
   * Every column of the four kinds, in the statement's order, with its type: the nulls are typed,
   * since PostgreSQL types each column of a union from its first selects (two untyped nulls make a
   * text column, which a timestamp then cannot join).
   */
  private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

  static {
    String typed =
        "kind integer, id bigint, set_id bigint, asking_nic varchar, state varchar, requested_at ts,"
            + " done_at ts, expires_at ts, next_reminder_at ts, reason varchar, service_id bigint,"
            + " type varchar, name varchar, roles varchar, from_nic varchar, to_nic varchar,"
            + " nic varchar, status varchar, answered_at ts, code_digest varchar, code_issued_at ts,"
            + " code_used_at ts, failed_attempts integer, resend_window_at ts,"
            + " resends_in_window integer, replaced_digest varchar, can_cancel boolean";
    for (String column : typed.split(",")) {
      String[] nameAndType = column.strip().split(" ");
      COLUMNS.put(nameAndType[0], nameAndType[1].equals("ts") ? TS : nameAndType[1]);
    }
  }

  /** The set identified by task id, whoever asks. */
  static final String BY_TASK = "(select set_id from contact_changes where id = :key)";

  /** The set identified by its own id. */
  static final String BY_ID = ":key";

  private final JdbcClient jdbc;

  WholeSetRead(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The statement reading the set {@code set} designates ({@link #BY_ID} or {@link #BY_TASK}): with
   * its row, or only its items, parties and members when the caller has read (and locked) the row.
   */
  static String sql(String set, boolean withRow) {
    List<String> selects = new ArrayList<>();
    if (withRow) {
      selects.add(
          select(
              SET,
              "id, id as set_id, asking_nic, state, requested_at, done_at, expires_at,"
                  + " next_reminder_at, reason",
              "change_sets where id = " + set));
    }
    selects.add(
        select(
            ITEM,
            "c.id, c.set_id, c.service_id, s.type, s.name, c.roles, c.from_nic, c.to_nic",
            "contact_changes c join services s on s.id = c.service_id where c.set_id = " + set));
    selects.add(select(PARTY, ChangeSetRows.PARTY_COLUMNS, "set_parties where set_id = " + set));
    selects.add(select(MEMBER, "set_id, nic, can_cancel", "set_members where set_id = " + set));
    return String.join(" union all ", selects) + " order by kind, id, nic";
  }

  /** One select of the union: its own columns ({@code expression [as name]}), null for others. */
  private static String select(int kind, String columns, String from) {
    Map<String, String> own = new LinkedHashMap<>();
    own.put("kind", kind + " as kind");
    for (String column : columns.split(",")) {
      String c = column.strip();
      int as = c.indexOf(" as ");
      String name = as >= 0 ? c.substring(as + 4) : c.substring(c.indexOf('.') + 1);
      own.put(name, c.equals(name) || as >= 0 ? c : c + " as " + name);
    }
    List<String> out = new ArrayList<>();
    COLUMNS.forEach(
        (column, type) ->
            out.add(own.getOrDefault(column, "cast(null as " + type + ") as " + column)));
    return "select " + String.join(", ", out) + " from " + from;
  }

  /** Reads the set whose row is given by the statement itself ({@code withRow}). */
  Optional<ChangeSet> read(String set, long key) {
    return read(set, key, null);
  }

  /** Reads the items, parties and members of the set whose row the caller already read. */
  Optional<ChangeSet> read(String set, long key, SetRow row) {
    Parts parts = new Parts(row);
    jdbc.sql(sql(set, row == null)).param("key", key).query(parts::add);
    return parts.set();
  }

  /** The rows of one set as they come, by kind. */
  private static final class Parts {
    private SetRow row;
    private final List<ChangeItem> items = new ArrayList<>();
    private final List<Party> parties = new ArrayList<>();
    private final Map<Nic, Boolean> members = new LinkedHashMap<>();

    Parts(SetRow row) {
      this.row = row;
    }

    void add(ResultSet rs) throws SQLException {
      switch (rs.getInt("kind")) {
        case SET -> row = ChangeSetRows.setRow(rs, 0);
        case ITEM -> items.add(ChangeSetRows.item(rs, 0).getValue());
        case PARTY -> parties.add(ChangeSetRows.party(rs, 0).getValue());
        default -> members.put(new Nic(rs.getString("nic")), rs.getBoolean("can_cancel"));
      }
    }

    Optional<ChangeSet> set() {
      return row == null
          ? Optional.empty()
          : Optional.of(ChangeSetRows.set(row, items, items.size(), parties, members));
    }
  }
}
