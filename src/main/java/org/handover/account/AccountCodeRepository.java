package org.handover.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.handover.account.AccountCodes.Issued;
import org.handover.account.AccountCodes.Purpose;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code account_codes} table: code digests for password resets and email changes. */
@Repository
class AccountCodeRepository {

  private final JdbcClient jdbc;

  AccountCodeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Voids every live code of this account for this purpose. */
  void voidLive(Nic nic, Purpose purpose, Instant now) {
    jdbc.sql(
            "update account_codes set used_at = ? where nic = ? and purpose = ? and used_at is null")
        .params(Sql.ts(now), nic.value(), purpose.name())
        .update();
  }

  void insert(
      Nic nic, Purpose purpose, String digest, String newEmail, Instant now, Instant until) {
    jdbc.sql(
            """
            insert into account_codes (nic, purpose, code_digest, new_email, created_at, expires_at)
            values (?, ?, ?, ?, ?, ?)""")
        .params(nic.value(), purpose.name(), digest, newEmail, Sql.ts(now), Sql.ts(until))
        .update();
  }

  void countFailure(long id) {
    jdbc.sql("update account_codes set failed_attempts = failed_attempts + 1 where id = ?")
        .param(id)
        .update();
  }

  /** Marks the code used unless it already was; true when this call consumed it. */
  boolean consume(long id, Instant now) {
    return jdbc.sql("update account_codes set used_at = ? where id = ? and used_at is null")
            .params(Sql.ts(now), id)
            .update()
        == 1;
  }

  /** The newest live code of this account for this purpose. */
  Optional<Issued> live(Nic nic, Purpose purpose) {
    return liveAll(nic, purpose).stream().findFirst();
  }

  /** The live codes of this account for this purpose, newest first (at most 100). */
  List<Issued> liveAll(Nic nic, Purpose purpose) {
    return jdbc.sql(
            """
            select id, code_digest, new_email, expires_at, failed_attempts from account_codes
            where nic = ? and purpose = ? and used_at is null
            order by id desc fetch first 100 rows only""")
        .params(nic.value(), purpose.name())
        .query(
            (rs, n) ->
                new Issued(
                    rs.getLong("id"),
                    rs.getString("code_digest"),
                    rs.getString("new_email"),
                    Sql.instant(rs, "expires_at"),
                    rs.getInt("failed_attempts")))
        .list();
  }
}
