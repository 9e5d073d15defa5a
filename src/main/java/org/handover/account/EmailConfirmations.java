package org.handover.account;

import java.time.Duration;
import java.time.Instant;
import org.handover.system.ConfirmationCode;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The link that confirms a new customer's email address: one live code per account, stored as a
 * digest, valid for a week, void after five wrong tries, consumed by one conditional delete.
 */
@Component
class EmailConfirmations {

  static final Duration VALIDITY = Duration.ofDays(7);

  private final JdbcClient jdbc;

  EmailConfirmations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A new code for this account, replacing any earlier one. */
  ConfirmationCode issue(Nic nic, Instant now) {
    jdbc.sql("delete from email_confirmations where nic = ?").param(nic.value()).update();
    ConfirmationCode code = ConfirmationCode.generate();
    jdbc.sql("insert into email_confirmations (nic, code_digest, expires_at) values (?, ?, ?)")
        .params(nic.value(), code.digest(), Sql.ts(now.plus(VALIDITY)))
        .update();
    return code;
  }

  private record Live(String digest, Instant expiresAt, int failures) {}

  /**
   * Consumes the code (the caller marks the address confirmed in the same transaction); a wrong
   * code counts against the live one.
   *
   * @throws AccountCodes.InvalidCode when there is no live code, it expired, is void or differs
   */
  void confirm(Nic nic, String typed, Instant now) {
    Live live =
        jdbc.sql(
                "select code_digest, expires_at, failed_attempts from email_confirmations"
                    + " where nic = ?")
            .param(nic.value())
            .query(
                (rs, i) -> new Live(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getInt(3)))
            .optional()
            .orElseThrow(AccountCodes.InvalidCode::new);
    if (!now.isBefore(live.expiresAt()) || live.failures() >= AccountCodes.MAX_FAILURES) {
      throw new AccountCodes.InvalidCode();
    }
    if (!ConfirmationCode.matches(typed, live.digest())) {
      jdbc.sql("update email_confirmations set failed_attempts = failed_attempts + 1 where nic = ?")
          .param(nic.value())
          .update();
      throw new AccountCodes.InvalidCode();
    }
    int consumed =
        jdbc.sql("delete from email_confirmations where nic = ? and code_digest = ?")
            .params(nic.value(), live.digest())
            .update();
    if (consumed != 1) {
      throw new AccountCodes.InvalidCode();
    }
  }
}
