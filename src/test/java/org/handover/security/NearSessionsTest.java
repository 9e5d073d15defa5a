package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.handover.support.IntegrationTest;
import org.handover.support.StatementCounter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The near cache of web sessions, as two instances over one session table would run it: an ended
 * session is refused by the other instance on its next read, changes travel, expired or deleted
 * sessions are not served from memory, memory stays bounded and a kept session costs one short
 * read.
 */
@Import(StatementCounter.class)
class NearSessionsTest extends IntegrationTest {

  static final String CONTEXT = "SPRING_SECURITY_CONTEXT";

  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactions;
  @Autowired SessionEpochRepository epochs;
  @Autowired JdbcClient jdbc;
  @Autowired StatementCounter statements;

  /** One instance's session repository: its own JDBC store object and its own near cache. */
  final class Instance<S extends Session> {
    final NearSessions<S> near;

    Instance(FindByIndexNameSessionRepository<S> store, int size) {
      near =
          new NearSessions<>(store, epochs, new SessionCacheSettings(size, Duration.ofMinutes(5)));
    }

    String signIn(String principal, Duration maxInactive) {
      NearSession<S> session = near.createSession();
      session.setMaxInactiveInterval(maxInactive);
      session.setAttribute(
          CONTEXT,
          new SecurityContextImpl(
              UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of())));
      near.save(session);
      return session.getId();
    }

    Session find(String id) {
      return near.findById(id);
    }

    void set(String id, String name, Object value) {
      NearSession<S> session = near.findById(id);
      session.setAttribute(name, value);
      near.save(session);
    }

    void end(String id) {
      near.deleteById(id);
    }
  }

  Instance<?> instance(int size) {
    return new Instance<>(
        new JdbcIndexedSessionRepository(
            new JdbcTemplate(dataSource), new TransactionTemplate(transactions)),
        size);
  }

  static String principal() {
    return "ns" + System.nanoTime() + "-ovh";
  }

  @Test
  void aSessionEndedOnOneInstanceIsRefusedByTheOtherOnItsNextRead() {
    Instance<?> a = instance(100);
    Instance<?> b = instance(100);
    String id = a.signIn(principal(), Duration.ofMinutes(30));
    assertThat(b.find(id)).isNotNull(); // now kept in b's memory
    assertThat(b.find(id)).isNotNull();

    a.end(id);

    assertThat(b.find(id)).isNull();
    assertThat(a.find(id)).isNull();
  }

  @Test
  void aChangeWrittenByOneInstanceIsReadByTheOther() {
    Instance<?> a = instance(100);
    Instance<?> b = instance(100);
    String id = a.signIn(principal(), Duration.ofMinutes(30));
    assertThat(b.find(id).<Object>getAttribute("steppedUpAt")).isNull();
    Instant now = Instant.parse("2026-12-06T17:00:00Z");

    a.set(id, "steppedUpAt", now);

    assertThat(b.find(id).<Object>getAttribute("steppedUpAt")).isEqualTo(now);
  }

  @Test
  void aSessionEndedWhileARequestRanIsNotWrittenBack() {
    Instance<?> a = instance(100);
    Instance<?> b = instance(100);
    String id = a.signIn(principal(), Duration.ofMinutes(30));
    Session running = b.find(id);

    a.end(id);
    running.setAttribute("late", "write");
    saveOn(b, running);

    assertThat(
            jdbc.sql("select count(*) from spring_session where session_id = ?")
                .param(id)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(b.find(id)).isNull();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void saveOn(Instance<?> instance, Session session) {
    ((NearSessions) instance.near).save((NearSession) session);
  }

  @Test
  void aRowDeletedBehindTheCacheIsNotServed() {
    Instance<?> b = instance(100);
    String id = b.signIn(principal(), Duration.ofMinutes(30));
    assertThat(b.find(id)).isNotNull();

    // as another instance's expiry clean-up (whose clock may be ahead) or a person would
    jdbc.sql("delete from spring_session where session_id = ?").param(id).update();

    assertThat(b.find(id)).isNull();
  }

  @Test
  void anExpiredSessionIsNotServedFromMemory() throws Exception {
    Instance<?> b = instance(100);
    String id = b.signIn(principal(), Duration.ofSeconds(1));
    assertThat(b.find(id)).isNotNull();

    Thread.sleep(1_100);

    assertThat(b.find(id)).isNull();
  }

  @Test
  void memoryHoldsAtMostTheConfiguredNumberOfSessions() {
    Instance<?> a = instance(10);
    Instance<?> b = instance(10);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ids.add(a.signIn(principal(), Duration.ofMinutes(30)));
    }
    for (String id : ids) {
      assertThat(b.find(id)).isNotNull();
    }
    assertThat(b.near.size()).isLessThanOrEqualTo(10);
  }

  @Test
  void aKeptSessionCostsOneShortReadOfItsRowAndCounter() {
    Instance<?> b = instance(100);
    String id = b.signIn(principal(), Duration.ofMinutes(30));
    b.find(id);

    statements.reset();
    Session session = b.find(id);

    assertThat(session.<SecurityContext>getAttribute(CONTEXT).getAuthentication()).isNotNull();
    assertThat(statements.statements())
        .singleElement()
        .satisfies(sql -> assertThat(sql).contains("coalesce(e.epoch, 0) from spring_session s"));
  }

  @Test
  void eachRequestHoldsASecurityContextOfItsOwn() {
    Instance<?> b = instance(100);
    String id = b.signIn(principal(), Duration.ofMinutes(30));
    SecurityContext first = b.find(id).getAttribute(CONTEXT);

    first.setAuthentication(null); // as signing out does to the request's context

    assertThat(b.find(id).<SecurityContext>getAttribute(CONTEXT).getAuthentication()).isNotNull();
  }
}
