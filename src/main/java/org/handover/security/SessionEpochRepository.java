package org.handover.security;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A counter per signed-in principal that every instance reads on each request, with the presence of
 * the request's session row, in one statement by index ({@link NearSessions}): moved after a
 * session of that principal is deleted (sign-out, "sign out everywhere", suspension, password
 * change, staff end, provider logout) or its contents change, so that every instance drops what it
 * kept in memory of that principal's sessions before serving the next request. It moves in a
 * transaction of its own, after the deletion committed: a caller's transaction that rolls back
 * afterwards cannot leave an ended session alive in a cache.
 */
@Repository
class SessionEpochRepository {

  /** The principal a stored session belongs to (null: nobody signed in) and its counter then. */
  record Stamp(String principal, long epoch) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate apart;

  SessionEpochRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.apart = new TransactionTemplate(transactions);
    this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The stored session's principal and that principal's counter; empty when there is no row. */
  Optional<Stamp> ofSession(String sessionId) {
    return jdbc.sql(
            """
            select s.principal_name, coalesce(e.epoch, 0) from spring_session s
            left join session_epochs e on e.principal = s.principal_name
            where s.session_id = ?""")
        .param(sessionId)
        .query((rs, n) -> new Stamp(rs.getString(1), rs.getLong(2)))
        .optional();
  }

  /** Moves the principal's counter, committed before this returns. */
  void bump(String principal) {
    apart.executeWithoutResult(
        status -> {
          if (increment(principal) == 0
              && jdbc.sql(
                          "insert into session_epochs (principal, epoch) values (?, 1)"
                              + " on conflict do nothing")
                      .param(principal)
                      .update()
                  == 0) {
            increment(principal); // another instance inserted it meanwhile
          }
        });
  }

  private int increment(String principal) {
    return jdbc.sql("update session_epochs set epoch = epoch + 1 where principal = ?")
        .param(principal)
        .update();
  }
}
