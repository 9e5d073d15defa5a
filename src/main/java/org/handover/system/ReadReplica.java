package org.handover.system;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where read-only lists read: a replica of the primary database when one is configured ({@link
 * ReplicaSettings}), else the primary. A customer never misses their own change on a lagging
 * replica: each write of theirs from the panel bumps their mark on the primary ({@code
 * replica_marks}, replicated like every other row) and notes it in their web session; their lists
 * read the primary until the replica holds that mark (replication applies commits in order, so it
 * then holds the change too). Everything that locks or writes uses the primary.
 */
@Repository
public class ReadReplica implements DisposableBean {

  /** The session attribute holding the customer's last mark not yet seen on the replica. */
  static final String MARK = "handover.replicaMark";

  private final JdbcClient primary;
  private final HikariDataSource pool;
  private final JdbcClient replica;

  ReadReplica(JdbcClient primary, ReplicaSettings settings) {
    this.primary = primary;
    if (settings.configured()) {
      pool = new HikariDataSource();
      pool.setPoolName("replica");
      pool.setJdbcUrl(settings.url());
      pool.setUsername(settings.username());
      pool.setPassword(settings.password());
      pool.setMaximumPoolSize(settings.poolSize());
      pool.setReadOnly(true);
      // as the primary's pool (application.yml): a replica that dies or is promoted away is left
      // within seconds; a multi-host URL with targetServerType=preferSecondary then finds another
      pool.setConnectionTimeout(5000);
      pool.setValidationTimeout(1000);
      pool.setKeepaliveTime(30000);
      pool.setMaxLifetime(600000);
      replica = JdbcClient.create(pool);
    } else {
      pool = null;
      replica = null;
    }
  }

  public boolean configured() {
    return replica != null;
  }

  /**
   * For a list that {@code viewer} reads in the panel: the replica, unless the current web session
   * made a change the replica has not replayed yet.
   */
  public JdbcClient forLists(Nic viewer) {
    if (replica == null) {
      return primary;
    }
    HttpSession session = currentSession();
    Object mark = session == null ? null : session.getAttribute(MARK);
    if (!(mark instanceof Long wanted)) {
      return replica;
    }
    Optional<Long> replayed =
        replica
            .sql("select mark from replica_marks where nic = ?")
            .param(viewer.value())
            .query(Long.class)
            .optional();
    if (replayed.isPresent() && replayed.get() >= wanted) {
      session.removeAttribute(MARK);
      return replica;
    }
    return primary;
  }

  /** For operators' searches, which tolerate the replica's lag: the replica when there is one. */
  public JdbcClient forSearches() {
    return replica == null ? primary : replica;
  }

  /**
   * Notes that the customer of this web session just changed something on the primary: their lists
   * read the primary until the replica has replayed it. Nothing without a replica.
   */
  public void noteWrite(Nic nic, HttpSession session) {
    if (replica == null) {
      return;
    }
    long mark =
        primary
            .sql(
                """
                insert into replica_marks (nic, mark) values (?, 1)
                on conflict (nic) do update set mark = replica_marks.mark + 1
                returning mark""")
            .param(nic.value())
            .query(Long.class)
            .single();
    session.setAttribute(MARK, mark);
  }

  private static HttpSession currentSession() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
      HttpServletRequest request = attrs.getRequest();
      return request.getSession(false);
    }
    return null;
  }

  @Override
  public void destroy() {
    if (pool != null) {
      pool.close();
    }
  }
}
