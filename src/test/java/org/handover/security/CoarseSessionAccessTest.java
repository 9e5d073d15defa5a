package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.handover.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * The session table is written when a session's attributes change, and for its access time only
 * once a minute: a request that changes nothing writes nothing.
 */
class CoarseSessionAccessTest extends IntegrationTest {

  @Autowired FindByIndexNameSessionRepository<? extends Session> repository;
  @Autowired JdbcClient jdbc;

  private long storedAccess(String id) {
    return jdbc.sql("select last_access_time from spring_session where session_id = ?")
        .param(id)
        .query(Long.class)
        .single();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theAccessTimeIsWrittenOnlyOnceAMinuteAndAttributesAlways() {
    // the sessions it hands out are the ones it saves
    var sessions = (FindByIndexNameSessionRepository<Session>) repository;
    Session created = sessions.createSession();
    created.setAttribute("a", "1");
    sessions.save(created);
    String id = created.getId();
    Instant first = Instant.ofEpochMilli(storedAccess(id));

    Session next = sessions.findById(id);
    next.setLastAccessedTime(first.plusSeconds(30));
    sessions.save(next);
    assertThat(storedAccess(id)).as("30 s later: not written").isEqualTo(first.toEpochMilli());

    next = sessions.findById(id);
    next.setLastAccessedTime(first.plusSeconds(40));
    next.setAttribute("a", "2");
    sessions.save(next);
    assertThat(sessions.findById(id).<String>getAttribute("a")).isEqualTo("2");
    assertThat(storedAccess(id)).isEqualTo(first.toEpochMilli());

    next = sessions.findById(id);
    Instant later = first.plus(CoarseSessionAccess.GRANULARITY).plusSeconds(1);
    next.setLastAccessedTime(later);
    sessions.save(next);
    assertThat(storedAccess(id))
        .as("a minute later: written")
        .isEqualTo(later.truncatedTo(ChronoUnit.MILLIS).toEpochMilli());
    assertThat(sessions.findById(id).getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(30));
    sessions.deleteById(id);
  }
}
