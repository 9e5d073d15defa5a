package org.handover.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.support.Fixtures.as;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceKey;
import org.handover.catalog.ServiceNames;
import org.handover.catalog.ServiceQuery;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeSet;
import org.handover.change.ChangeState;
import org.handover.contact.ContactRole;
import org.handover.support.ChangeUseCases;
import org.handover.support.EmbeddedPostgresDatabase;
import org.handover.support.IntegrationTest;
import org.handover.system.BulkSql;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A bulk handover at full size on PostgreSQL: a reseller hands the tech role of {@value #SIZE}
 * services to an agency in one change set — created, accepted by the reseller, accepted by the
 * agency (which applies it) — next to its ceiling, the same contact update sent over JDBC in one
 * batched transaction. While the set applies, another customer reads My services in a loop; the
 * slowest of those reads is printed. Figures only, no timed assertions: {@code ./mvnw -Pbench test
 * -Dtest=ChangeSetBenchmark}.
 */
class ChangeSetBenchmark extends IntegrationTest {

  private static final int SIZE = Integer.getInteger("bench.setSize", 10_000);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, "changesetbench");
  }

  @Autowired ChangeUseCases changes;
  @Autowired HostedServices services;
  @Autowired BulkSql bulk;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate tx;

  @Test
  void aTenThousandServiceSetAtDatabaseSpeed() throws Exception {
    Nic reseller = fixtures.account();
    Nic agency = fixtures.account();
    Nic other = fixtures.account();
    Nic otherAgency = fixtures.account();
    Nic browser = fixtures.account();
    List<ServiceKey> keys = servicesOf(reseller, "set");
    servicesOf(other, "ceiling");
    servicesOf(browser, "browse");
    bulk.analyze("services");

    // the ceiling: the same update over JDBC, one batched transaction
    List<Long> ceilingIds =
        jdbc.queryForList("select id from services where admin_nic = ?", Long.class, other.value());
    long c0 = System.nanoTime();
    tx.executeWithoutResult(
        s -> {
          List<Object[]> rows = new ArrayList<>();
          ceilingIds.forEach(id -> rows.add(new Object[] {otherAgency.value(), id, other.value()}));
          bulk.update("update services set tech_nic = ? where id = ? and tech_nic = ?", rows);
        });
    double ceilingMs = (System.nanoTime() - c0) / 1e6;

    long t0 = System.nanoTime();
    ChangeSet set = changes.requestSet(as(reseller), keys, Map.of(ContactRole.tech, agency), false);
    long t1 = System.nanoTime();
    changes.accept(as(reseller), set.id(), fixtures.codeFor(set.id(), reseller));
    long t2 = System.nanoTime();
    String agencyCode = fixtures.codeFor(set.id(), agency);

    List<Double> reads = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean applying = new AtomicBoolean(true);
    CompletableFuture<Void> reader =
        CompletableFuture.runAsync(
            () -> {
              while (applying.get()) {
                long r0 = System.nanoTime();
                services.list(
                    new ServiceQuery(browser, null, null, null, null, null, null, null, null, 50));
                reads.add((System.nanoTime() - r0) / 1e6);
              }
            });
    long t3 = System.nanoTime();
    ChangeSet done = changes.accept(as(agency), set.id(), agencyCode);
    long t4 = System.nanoTime();
    applying.set(false);
    reader.get();

    assertThat(done.state()).isEqualTo(ChangeState.done);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from services where tech_nic = ?", Long.class, agency.value()))
        .isEqualTo(SIZE);
    List<Double> sorted = reads.stream().sorted().toList();
    double applyMs = (t4 - t3) / 1e6;
    System.out.printf(
        "%n[bench] change set of %,d services on PostgreSQL: create %.0f ms, first accept %.0f ms,"
            + " last accept (re-check + apply + %d emails) %.0f ms, total %.0f ms%n",
        SIZE, (t1 - t0) / 1e6, (t2 - t1) / 1e6, 2, applyMs, (t4 - t0) / 1e6 - (t3 - t2) / 1e6);
    System.out.printf(
        "[bench] ceiling (same update over JDBC, one batched transaction): %.0f ms; apply step at"
            + " %.0f %% of it%n",
        ceilingMs, 100 * ceilingMs / applyMs);
    System.out.printf(
        "[bench] My services of another customer during the apply: %d reads, p50 %.1f ms,"
            + " p99 %.1f ms, max %.1f ms%n%n",
        sorted.size(),
        percentile(sorted, 50),
        percentile(sorted, 99),
        sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
  }

  /** {@value #SIZE} domains held whole by one account, written in batches. */
  private List<ServiceKey> servicesOf(Nic owner, String prefix) {
    List<Object[]> rows = new ArrayList<>();
    List<ServiceKey> keys = new ArrayList<>();
    Instant now = clock.instant();
    for (int i = 0; i < SIZE; i++) {
      String name = prefix + "-" + owner.value() + "-" + i + ".example";
      keys.add(new ServiceKey(ServiceType.domain, name));
      rows.add(
          new Object[] {
            "domain",
            name,
            ServiceNames.sortKey(name),
            name,
            java.sql.Timestamp.from(now),
            owner.value(),
            owner.value(),
            owner.value()
          });
    }
    bulk.insert(
        "services",
        "type, name, sort_key, display_name, created_at, admin_nic, tech_nic, billing_nic",
        rows);
    return keys;
  }

  private static double percentile(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
