package org.handover.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;
import static org.handover.support.Fixtures.wanted;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.handover.audit.AuditLog;
import org.handover.catalog.HostedService;
import org.handover.change.ChangeErrors.OpenRequestConflict;
import org.handover.support.ChangeUseCases;
import org.handover.support.EmbeddedPostgresDatabase;
import org.handover.support.IntegrationTest;
import org.handover.system.HandoverException;
import org.handover.system.Nic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Races on a real PostgreSQL: two submissions at once never both win. */
class ConcurrencyPostgresTest extends IntegrationTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, "concurrency");
  }

  @Autowired ChangeUseCases changes;
  @Autowired AuditLog audit;
  @Autowired JdbcClient jdbc;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Runs both tasks released at the same instant; returns each one's result or exception. */
  private List<Object> race(Callable<?> first, Callable<?> second) throws Exception {
    CyclicBarrier start = new CyclicBarrier(2);
    List<Future<Object>> futures = new ArrayList<>();
    for (Callable<?> task : List.of(first, second)) {
      futures.add(
          pool.submit(
              () -> {
                start.await(5, TimeUnit.SECONDS);
                try {
                  return task.call();
                } catch (HandoverException refused) {
                  return refused;
                }
              }));
    }
    List<Object> results = new ArrayList<>();
    for (Future<Object> f : futures) {
      results.add(f.get(30, TimeUnit.SECONDS));
    }
    return results;
  }

  @RepeatedTest(10)
  void twoAcceptancesWithTheSameCodeCountExactlyOnce() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = changes.request(as(a), s.type(), s.name(), wanted(tech, x)).orElseThrow();
    String code = fixtures.codeFor(c.id(), x);

    List<Object> results =
        race(() -> changes.accept(as(x), c.id(), code), () -> changes.accept(as(x), c.id(), code));

    // the second, serialised behind the first by the set's row lock, finds the code already used
    // for this very acceptance: a no-op that answers like the first (a client repeating itself)
    assertThat(results).allMatch(ChangeSet.class::isInstance);
    assertThat(audit.forChange(c.id()))
        .filteredOn(e -> e.action().equals("party.accepted"))
        .hasSize(1);
    assertThat(changes.get(a, c.id()).pendingParties()).containsExactly(a);
  }

  @RepeatedTest(10)
  void lastTwoAcceptancesAtOnceApplyTheChangeExactlyOnce() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = changes.request(as(a), s.type(), s.name(), wanted(tech, x)).orElseThrow();
    String codeA = fixtures.codeFor(c.id(), a);
    String codeX = fixtures.codeFor(c.id(), x);

    List<Object> results =
        race(
            () -> changes.accept(as(a), c.id(), codeA), () -> changes.accept(as(x), c.id(), codeX));

    assertThat(results).allMatch(ChangeSet.class::isInstance);
    assertThat(changes.get(a, c.id()).state()).isEqualTo(ChangeState.done);
    assertThat(fixtures.contactsOf(s).tech()).isEqualTo(x);
    assertThat(audit.forChange(c.id()))
        .filteredOn(e -> e.action().equals("change.done"))
        .hasSize(1);
  }

  @RepeatedTest(10)
  void twoRequestsForTheSameRoleAtOnceCreateExactlyOne() throws Exception {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    Nic y = fixtures.account();
    HostedService s = fixtures.service(a, t, a);

    List<Object> results =
        race(
            () -> changes.request(as(a), s.type(), s.name(), wanted(tech, x)),
            () -> changes.request(as(t), s.type(), s.name(), wanted(tech, y)));

    assertThat(results).filteredOn(java.util.Optional.class::isInstance).hasSize(1);
    assertThat(results).filteredOn(OpenRequestConflict.class::isInstance).hasSize(1);
    assertThat(
            jdbc.sql("select count(*) from contact_changes where service_id = ?")
                .param(s.id())
                .query(Long.class)
                .single())
        .isEqualTo(1L);
  }

  @Test
  void theDatabaseItselfRefusesASecondOpenClaimOnARole() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = changes.request(as(a), s.type(), s.name(), wanted(tech, x)).orElseThrow();

    assertThatThrownBy(
            () ->
                jdbc.sql(
                        "insert into open_role_claims (service_id, role, change_id) values (?, ?, ?)")
                    .params(s.id(), "tech", c.items().get(0).taskId())
                    .update())
        .isInstanceOf(DuplicateKeyException.class);
  }
}
