package org.handover.account;

import java.time.Instant;
import java.util.Optional;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code email_confirmations} table: one live code digest per account. */
@Repository
class EmailConfirmationRepository {

  private final JdbcClient jdbc;

  EmailConfirmationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A live code row. */
  record Live(String digest, Instant expiresAt, int failures) {}

  /** Replaces any earlier code of this account. */
  void replace(Nic nic, String digest, Instant expiresAt) {
    jdbc.sql("delete from email_confirmations where nic = ?").param(nic.value()).update();
    jdbc.sql("insert into email_confirmations (nic, code_digest, expires_at) values (?, ?, ?)")
        .params(nic.value(), digest, Sql.ts(expiresAt))
        .update();
  }

  Optional<Live> live(Nic nic) {
    return jdbc.sql(
            "select code_digest, expires_at, failed_attempts from email_confirmations"
                + " where nic = ?")
        .param(nic.value())
        .query((rs, i) -> new Live(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getInt(3)))
        .optional();
  }

  /** Deletes the code if it is still this one; true when this call consumed it. */
  boolean consume(Nic nic, String digest) {
    return jdbc.sql("delete from email_confirmations where nic = ? and code_digest = ?")
            .params(nic.value(), digest)
            .update()
        == 1;
  }
}
