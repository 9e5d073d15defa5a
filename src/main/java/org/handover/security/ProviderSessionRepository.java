package org.handover.security;

import java.time.Instant;
import java.util.List;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code provider_sessions} table: panel sessions signed in through the identity provider. */
@Repository
class ProviderSessionRepository {

  /** A session as stored: which person of which provider, in which of its sessions. */
  record Row(String sessionId, String issuer, String subject, String sid, String nic) {}

  private final JdbcClient jdbc;

  ProviderSessionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void save(Row row, Instant at) {
    jdbc.sql("delete from provider_sessions where session_id = ?").param(row.sessionId()).update();
    jdbc.sql(
            """
            insert into provider_sessions (session_id, issuer, subject, sid, nic, created_at)
            values (?, ?, ?, ?, ?, ?)""")
        .params(row.sessionId(), row.issuer(), row.subject(), row.sid(), row.nic(), Sql.ts(at))
        .update();
  }

  void remove(String sessionId) {
    jdbc.sql("delete from provider_sessions where session_id = ?").param(sessionId).update();
  }

  /**
   * Removes and returns the sessions a logout token names: by the provider's session id when it
   * gives one, else every session of the person.
   */
  List<Row> take(String issuer, String subject, String sid) {
    String where =
        sid != null ? "issuer = :issuer and sid = :key" : "issuer = :issuer and subject = :key";
    List<Row> rows =
        jdbc.sql(
                "select session_id, issuer, subject, sid, nic from provider_sessions where "
                    + where)
            .param("issuer", issuer)
            .param("key", sid != null ? sid : subject)
            .query(Row.class)
            .list();
    jdbc.sql("delete from provider_sessions where " + where)
        .param("issuer", issuer)
        .param("key", sid != null ? sid : subject)
        .update();
    return rows;
  }

  /** Forgets sessions signed in before {@code cutoff} (long expired by then). */
  int purgeBefore(Instant cutoff) {
    return jdbc.sql("delete from provider_sessions where created_at < ?")
        .param(Sql.ts(cutoff))
        .update();
  }
}
