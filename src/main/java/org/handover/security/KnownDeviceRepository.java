package org.handover.security;

import java.time.Instant;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code known_devices} table: digests of the browsers each account signed in from. */
@Repository
class KnownDeviceRepository {

  private final JdbcClient jdbc;

  KnownDeviceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean isKnown(String nic, String digest) {
    return jdbc.sql("select count(*) from known_devices where nic = ? and device_digest = ?")
            .params(nic, digest)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Marks the device seen now; false when the account does not know it yet. */
  boolean touch(Nic nic, String digest, Instant now) {
    return jdbc.sql("update known_devices set last_seen = ? where nic = ? and device_digest = ?")
            .params(Sql.ts(now), nic.value(), digest)
            .update()
        > 0;
  }

  long count(Nic nic) {
    return jdbc.sql("select count(*) from known_devices where nic = ?")
        .param(nic.value())
        .query(Long.class)
        .single();
  }

  void insert(Nic nic, String digest, String userAgent, Instant now) {
    jdbc.sql(
            "insert into known_devices (nic, device_digest, user_agent, first_seen, last_seen)"
                + " values (?, ?, ?, ?, ?)")
        .params(nic.value(), digest, userAgent, Sql.ts(now), Sql.ts(now))
        .update();
  }
}
