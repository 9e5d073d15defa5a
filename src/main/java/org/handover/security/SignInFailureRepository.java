package org.handover.security;

import java.time.Instant;
import java.util.Optional;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code sign_in_failures}: failure counts shared by every instance. A failure is counted
 * by one conditional update (an atomic increment, restarting from one when the latest failure is
 * older than {@code forgetBefore}); only the first failure of a key inserts its row.
 */
@Repository
class SignInFailureRepository {

  /** A key's failures: how many, and when the latest was. */
  record Failures(int count, Instant last) {}

  private final JdbcClient jdbc;

  SignInFailureRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The key's failures since the given time, if any. */
  Optional<Failures> find(String key, Instant since) {
    return jdbc.sql(
            "select failures, last_failure from sign_in_failures"
                + " where failure_key = ? and last_failure >= ?")
        .params(key, Sql.ts(since))
        .query((rs, i) -> new Failures(rs.getInt("failures"), Sql.instant(rs, "last_failure")))
        .optional();
  }

  /** Counts one failure now; failures before {@code forgetBefore} are forgotten. */
  void record(String key, Instant now, Instant forgetBefore) {
    if (increment(key, now, forgetBefore)) {
      return;
    }
    int inserted =
        jdbc.sql(
                "insert into sign_in_failures (failure_key, failures, last_failure)"
                    + " values (?, 1, ?) on conflict do nothing")
            .params(key, Sql.ts(now))
            .update();
    if (inserted == 0) {
      increment(key, now, forgetBefore); // another instance inserted it meanwhile
      return;
    }
    // a new key: the moment to purge keys whose failures are long forgotten
    jdbc.sql("delete from sign_in_failures where last_failure < ?")
        .param(Sql.ts(forgetBefore))
        .update();
  }

  private boolean increment(String key, Instant now, Instant forgetBefore) {
    return jdbc.sql(
                "update sign_in_failures set last_failure = ?,"
                    + " failures = case when last_failure < ? then 1 else failures + 1 end"
                    + " where failure_key = ?")
            .params(Sql.ts(now), Sql.ts(forgetBefore), key)
            .update()
        == 1;
  }

  void forget(String key) {
    jdbc.sql("delete from sign_in_failures where failure_key = ?").param(key).update();
  }
}
