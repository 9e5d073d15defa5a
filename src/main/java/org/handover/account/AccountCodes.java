package org.handover.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.handover.system.ConfirmationCode;
import org.handover.system.HandoverException;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Single-use codes for password resets and email changes: one live code per account and purpose,
 * stored as a digest, valid for a short time, void after five wrong tries, consumed by one
 * conditional update.
 */
@Component
class AccountCodes {

  /** What a code is for. */
  enum Purpose {
    password,
    email
  }

  static final Duration VALIDITY = Duration.ofMinutes(30);
  static final int MAX_FAILURES = 5;

  private final JdbcClient jdbc;

  AccountCodes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A live code row. */
  record Issued(long id, String digest, String newEmail, Instant expiresAt, int failures) {}

  /** Issues a new code, voiding any earlier one for the same purpose. */
  ConfirmationCode issue(Nic nic, Purpose purpose, String newEmail, Instant now) {
    jdbc.sql(
            "update account_codes set used_at = ? where nic = ? and purpose = ? and used_at is null")
        .params(Sql.ts(now), nic.value(), purpose.name())
        .update();
    ConfirmationCode code = ConfirmationCode.generate();
    jdbc.sql(
            """
            insert into account_codes (nic, purpose, code_digest, new_email, created_at, expires_at)
            values (?, ?, ?, ?, ?, ?)""")
        .params(
            nic.value(),
            purpose.name(),
            code.digest(),
            newEmail,
            Sql.ts(now),
            Sql.ts(now.plus(VALIDITY)))
        .update();
    return code;
  }

  /**
   * Checks the code the customer typed. A wrong code counts against the live code (the caller
   * commits that before reporting it); a right one is consumed.
   *
   * @return the consumed code row
   * @throws InvalidCode when there is no live code, it expired, it is void, or it does not match
   */
  Issued consume(Nic nic, Purpose purpose, String typed, Instant now) {
    Issued live = live(nic, purpose).orElseThrow(InvalidCode::new);
    if (!now.isBefore(live.expiresAt()) || live.failures() >= MAX_FAILURES) {
      throw new InvalidCode();
    }
    if (!ConfirmationCode.matches(typed, live.digest())) {
      jdbc.sql("update account_codes set failed_attempts = failed_attempts + 1 where id = ?")
          .param(live.id())
          .update();
      throw new InvalidCode();
    }
    int used =
        jdbc.sql("update account_codes set used_at = ? where id = ? and used_at is null")
            .params(Sql.ts(now), live.id())
            .update();
    if (used != 1) {
      throw new InvalidCode();
    }
    return live;
  }

  private Optional<Issued> live(Nic nic, Purpose purpose) {
    return jdbc.sql(
            """
            select id, code_digest, new_email, expires_at, failed_attempts from account_codes
            where nic = ? and purpose = ? and used_at is null order by id desc fetch first 1 rows only""")
        .params(nic.value(), purpose.name())
        .query(
            (rs, n) ->
                new Issued(
                    rs.getLong("id"),
                    rs.getString("code_digest"),
                    rs.getString("new_email"),
                    Sql.instant(rs, "expires_at"),
                    rs.getInt("failed_attempts")))
        .optional();
  }

  /** The code is wrong, expired, used or void; deliberately says no more. */
  static final class InvalidCode extends HandoverException {
    InvalidCode() {
      super(Kind.BAD_REQUEST, "account.code.invalid");
    }
  }
}
