package org.handover.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handover.system.InsertPart;
import org.handover.system.Sql;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code mail_outbox} table: its column list, the claim of due rows, and their outcomes. */
@Repository
class OutboxRepository {

  private static final int CHUNK = 500;

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private static final String SELECT =
      "select id, kind, recipient_nic, recipient_email, language, payload, change_id, status,"
          + " attempts, next_attempt_at, last_error, created_at, sent_at from mail_outbox";

  private final JdbcClient jdbc;
  private final JdbcTemplate batchJdbc;
  private final JsonMapper json;

  OutboxRepository(JdbcClient jdbc, JdbcTemplate batchJdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.batchJdbc = batchJdbc;
    this.json = json;
  }

  /** A delivered row: when, and the payload it keeps (without its code). */
  record Delivered(long id, Instant at, Map<String, Object> kept) {}

  /**
   * The insert of these letters that counts, as it inserts, what the per-recipient limit allows: a
   * letter whose {@code nth} is -1 is written; the one with {@code nth} = n (the n-th limited
   * letter to its address in this insert, from 0) only if n plus the emails of the {@code kinds}
   * written to that address since {@code since} stays under {@code limit}. The count reads the
   * outbox as it was before the statement, as {@link #recentCounts} would have just before it.
   */
  InsertPart insertCounted(
      List<Outbox.Letter> letters,
      int[] nth,
      Instant now,
      Instant since,
      List<String> kinds,
      int limit) {
    List<Object[]> rows = new ArrayList<>(letters.size());
    for (int i = 0; i < letters.size(); i++) {
      Outbox.Letter l = letters.get(i);
      rows.add(
          new Object[] {
            l.kind().name(),
            l.to().nic() == null ? null : l.to().nic().value(),
            l.to().email(),
            l.to().language().name(),
            json.writeValueAsString(l.mail().payload()),
            l.changeId(),
            nth[i]
          });
    }
    List<Object> tail = new ArrayList<>();
    tail.add(Sql.ts(since));
    tail.addAll(kinds);
    tail.add(limit);
    return new InsertPart(
        """
        insert into mail_outbox (kind, recipient_nic, recipient_email, language, payload,
                                 change_id, status, attempts, next_attempt_at, created_at)
        select v.kind, v.nic, v.email, v.language, v.payload, v.change_id, 'pending', 0,
               cast(? as timestamp with time zone), cast(? as timestamp with time zone)
        from (values\s""",
        List.of(Sql.ts(now), Sql.ts(now)),
        "(cast(? as varchar), cast(? as varchar), cast(? as varchar), cast(? as varchar),"
            + " cast(? as varchar), cast(? as bigint), cast(? as integer))",
        rows,
        """
        ) v (kind, nic, email, language, payload, change_id, nth)
        where v.nth < 0
           or v.nth + (select count(*) from mail_outbox m
                       where m.recipient_email = v.email and m.created_at >= ?
                         and m.kind in (%s)) < ?"""
            .formatted(String.join(", ", Collections.nCopies(kinds.size(), "?"))),
        tail,
        n -> {});
  }

  /**
   * For each of these addresses that has any, how many emails of these kinds were written to it
   * since the given time.
   */
  Map<String, Integer> recentCounts(Set<String> emails, List<String> kinds, Instant since) {
    Map<String, Integer> counts = new HashMap<>();
    List<String> all = List.copyOf(emails);
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      jdbc.sql(
              """
              select recipient_email, count(*) from mail_outbox
              where recipient_email in (:emails) and created_at >= :since and kind in (:kinds)
              group by recipient_email""")
          .param("emails", chunk)
          .param("since", Sql.ts(since))
          .param("kinds", kinds)
          .query((RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getInt(2)));
    }
    return counts;
  }

  List<OutboxMessage> forChange(long changeId) {
    return jdbc.sql(SELECT + " where change_id = ? order by id")
        .param(changeId)
        .query(this::map)
        .list();
  }

  List<OutboxMessage> newest(int offset, int limit) {
    return jdbc.sql(SELECT + " order by id desc offset ? rows fetch first ? rows only")
        .params(offset, limit)
        .query(this::map)
        .list();
  }

  List<OutboxMessage> after(long id) {
    return jdbc.sql(SELECT + " where id > ? order by id").param(id).query(this::map).list();
  }

  /** Emails failed for good, newest first; {@code nic} and {@code changeId} may be null. */
  List<OutboxMessage> failed(String nic, Long changeId, long offset, int limit) {
    return jdbc.sql(
            SELECT
                + " where status = 'failed'"
                + (nic == null ? "" : " and recipient_nic = :nic")
                + (changeId == null ? "" : " and change_id = :change")
                + " order by id desc offset :offset rows fetch first :limit rows only")
        .paramSource(
            new MapSqlParameterSource()
                .addValue("nic", nic)
                .addValue("change", changeId)
                .addValue("offset", offset)
                .addValue("limit", limit))
        .query(this::map)
        .list();
  }

  Optional<OutboxMessage> find(long id) {
    return jdbc.sql(SELECT + " where id = ?").param(id).query(this::map).optional();
  }

  long lastId() {
    return jdbc.sql("select coalesce(max(id), 0) from mail_outbox").query(Long.class).single();
  }

  long count(String status) {
    return jdbc.sql("select count(*) from mail_outbox where status = ?")
        .param(status)
        .query(Long.class)
        .single();
  }

  /**
   * Claims up to {@code limit} due pending rows that no other sender holds ({@code SKIP LOCKED})
   * and leases them: their next attempt moves to {@code leaseUntil}, so that once the caller's
   * short transaction commits no other sender takes them before the lease ends, while this one
   * sends them with no transaction open. A sender that dies leaves its rows to be sent again after
   * the lease.
   */
  List<OutboxMessage> claimDue(Instant now, int limit, Instant leaseUntil) {
    List<OutboxMessage> due =
        jdbc.sql(
                SELECT
                    + """
                     where status = 'pending' and next_attempt_at <= ?
                    order by next_attempt_at, id fetch first ? rows only for update skip locked""")
            .params(Sql.ts(now), limit)
            .query(this::map)
            .list();
    if (!due.isEmpty()) {
      jdbc.sql("update mail_outbox set next_attempt_at = :lease where id in (:ids)")
          .param("lease", Sql.ts(leaseUntil))
          .param("ids", due.stream().map(OutboxMessage::id).toList())
          .update();
    }
    return due;
  }

  /**
   * Marks rows sent in one batch, each keeping the payload given; only rows still under this
   * sender's lease (another sender took over a row whose lease ran out).
   */
  void markSent(List<Delivered> delivered, Instant lease) {
    batchJdbc.batchUpdate(
        """
        update mail_outbox set status = 'sent', sent_at = ?, attempts = attempts + 1,
               last_error = null, payload = ?
        where id = ? and status = 'pending' and next_attempt_at = ?""",
        delivered.stream()
            .map(
                d ->
                    new Object[] {
                      Sql.ts(d.at()), json.writeValueAsString(d.kept()), d.id(), Sql.ts(lease)
                    })
            .toList());
  }

  /**
   * Records a failed attempt of a row still under this sender's lease: the row stays {@code
   * pending} until {@code failed} for good, and keeps the payload given (a failed row keeps no
   * code).
   */
  void recordFailure(
      long id,
      Instant lease,
      boolean last,
      int attempts,
      Instant nextAttemptAt,
      String reason,
      Map<String, Object> payload) {
    jdbc.sql(
            """
            update mail_outbox set status = ?, attempts = ?, next_attempt_at = ?, last_error = ?,
                   payload = ?
            where id = ? and status = 'pending' and next_attempt_at = ?""")
        .params(
            last ? "failed" : "pending",
            attempts,
            Sql.ts(nextAttemptAt),
            reason,
            json.writeValueAsString(payload),
            id,
            Sql.ts(lease))
        .update();
  }

  private OutboxMessage map(ResultSet rs, int row) throws SQLException {
    return new OutboxMessage(
        rs.getLong("id"),
        MailKind.valueOf(rs.getString("kind")),
        rs.getString("recipient_nic"),
        rs.getString("recipient_email"),
        rs.getString("language"),
        json.readValue(rs.getString("payload"), MAP),
        rs.getObject("change_id", Long.class),
        rs.getString("status"),
        rs.getInt("attempts"),
        Sql.instant(rs, "next_attempt_at"),
        rs.getString("last_error"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "sent_at"));
  }
}
