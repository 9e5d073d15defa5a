package org.handover.system;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The connection pool of the primary database. When a failure shows the primary went away, every
 * pooled connection leads to the dead or demoted node: the pool drops them all at once (idle ones
 * now, busy ones when they come back) instead of one per failed request, so the requests after it
 * open connections through the multi-host URL to whichever node is primary now.
 */
@Component
public class PrimaryPool {

  private static final Logger log = LoggerFactory.getLogger(PrimaryPool.class);

  /** One drop per this many milliseconds is enough: a failover fails many requests at once. */
  private static final long QUIET_MILLIS = 1000;

  private final ObjectProvider<DataSource> dataSource;
  private final AtomicLong lastDrop = new AtomicLong();

  PrimaryPool(ObjectProvider<DataSource> dataSource) {
    this.dataSource = dataSource;
  }

  /** Drops the pooled connections when {@code failure} says the database went away. */
  public void dropConnectionsAfter(Throwable failure) {
    if (!DatabaseUnavailable.causes(failure)) {
      return;
    }
    long now = System.currentTimeMillis();
    long last = lastDrop.get();
    if (now - last < QUIET_MILLIS || !lastDrop.compareAndSet(last, now)) {
      return;
    }
    HikariDataSource pool = hikari();
    if (pool != null && pool.getHikariPoolMXBean() != null) {
      log.warn("The database went away ({}): dropping the pooled connections", failure.toString());
      pool.getHikariPoolMXBean().softEvictConnections();
    }
  }

  private HikariDataSource hikari() {
    DataSource ds = dataSource.getIfAvailable();
    try {
      return ds != null && ds.isWrapperFor(HikariDataSource.class)
          ? ds.unwrap(HikariDataSource.class)
          : null;
    } catch (SQLException e) {
      return null;
    }
  }
}
