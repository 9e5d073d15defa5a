package org.handover.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mail outbox. Business calls {@link #enqueue} inside their own transaction, so an email exists
 * if and only if the change that causes it was committed.
 */
@Component
public class Outbox {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final Clock clock;
  private final JsonMapper json;

  Outbox(JdbcClient jdbc, Clock clock, JsonMapper json) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.json = json;
  }

  /** Writes one email row; must run inside the transaction of the change that causes it. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void enqueue(MailKind kind, Recipient to, Map<String, ?> payload, Long changeId) {
    var now = Sql.ts(clock.instant());
    jdbc.sql(
            """
            insert into mail_outbox (kind, recipient_nic, recipient_email, language, payload,
                                     change_id, status, attempts, next_attempt_at, created_at)
            values (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)""")
        .params(
            kind.name(),
            to.nic() == null ? null : to.nic().value(),
            to.email(),
            to.language().name(),
            json.writeValueAsString(payload),
            changeId,
            now,
            now)
        .update();
  }

  /** The emails about one request, oldest first. */
  public List<OutboxMessage> forChange(long changeId) {
    return jdbc.sql(SELECT + " where change_id = ? order by id")
        .param(changeId)
        .query(this::map)
        .list();
  }

  /** The newest emails first, for the demo mailbox and tests. */
  public List<OutboxMessage> newest(int offset, int limit) {
    return jdbc.sql(SELECT + " order by id desc offset ? rows fetch first ? rows only")
        .params(offset, limit)
        .query(this::map)
        .list();
  }

  /** Emails after the given id, oldest first. */
  public List<OutboxMessage> after(long id) {
    return jdbc.sql(SELECT + " where id > ? order by id").param(id).query(this::map).list();
  }

  /** One email, if it exists. */
  public java.util.Optional<OutboxMessage> find(long id) {
    return jdbc.sql(SELECT + " where id = ?").param(id).query(this::map).optional();
  }

  /** The highest id so far (0 when empty). */
  public long lastId() {
    return jdbc.sql("select coalesce(max(id), 0) from mail_outbox").query(Long.class).single();
  }

  static final String SELECT =
      "select id, kind, recipient_nic, recipient_email, language, payload, change_id, status,"
          + " attempts, next_attempt_at, last_error, created_at, sent_at from mail_outbox";

  private OutboxMessage map(ResultSet rs, int row) throws SQLException {
    return map(rs, json);
  }

  static OutboxMessage map(ResultSet rs, JsonMapper json) throws SQLException {
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
