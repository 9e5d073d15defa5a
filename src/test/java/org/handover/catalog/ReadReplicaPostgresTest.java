package org.handover.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.support.Fixtures.as;
import static org.handover.support.Fixtures.wanted;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.servlet.http.Cookie;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.handover.change.ChangeSet;
import org.handover.contact.ContactRole;
import org.handover.support.ChangeUseCases;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * "My services" from a read replica: two PostgreSQL servers joined by PostgreSQL's own logical
 * replication (a publication on the primary, a subscription on the replica). Lists come from the
 * replica (a row only the replica holds shows); a change of the customer's own shows on their next
 * page even while the replica lags (subscription disabled), read from the primary; once the replica
 * has replayed it, their lists go back to the replica.
 */
class ReadReplicaPostgresTest extends IntegrationTest {

  private static EmbeddedPostgres primary;
  private static EmbeddedPostgres replica;
  private static DataSource replicaDb;

  @DynamicPropertySource
  static void databases(DynamicPropertyRegistry registry) throws Exception {
    primary = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical").start();
    replica = EmbeddedPostgres.builder().start();
    DataSource primaryDb = fresh(primary, "handover_primary");
    replicaDb = fresh(replica, "handover_replica");
    // the same schema on both: logical replication carries rows, not DDL
    for (DataSource db : new DataSource[] {primaryDb, replicaDb}) {
      Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    }
    execute(
        primaryDb, "create publication handover_lists for table accounts, services, replica_marks");
    execute(
        replicaDb,
        "create subscription handover_lists connection 'host=localhost port="
            + primary.getPort()
            + " user=postgres dbname=handover_primary' publication handover_lists"
            + " with (copy_data = false)");
    registry.add("spring.datasource.url", () -> primary.getJdbcUrl("postgres", "handover_primary"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
    registry.add(
        "handover.datasource.replica.url",
        () -> replica.getJdbcUrl("postgres", "handover_replica"));
    registry.add("handover.datasource.replica.username", () -> "postgres");
    registry.add("handover.datasource.replica.password", () -> "");
  }

  private static DataSource fresh(EmbeddedPostgres server, String name) throws SQLException {
    execute(server.getPostgresDatabase(), "create database " + name);
    return server.getDatabase("postgres", name);
  }

  private static void execute(DataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      execute(replicaDb, "drop subscription if exists handover_lists");
    } catch (SQLException ignored) {
      // the servers stop anyway
    }
    replica.close();
    primary.close();
  }

  @Autowired MockMvc mvc;
  @Autowired ChangeUseCases changes;

  private JdbcClient onReplica() {
    return JdbcClient.create(replicaDb);
  }

  private Cookie signIn(Nic nic) throws Exception {
    Cookie session =
        mvc.perform(
                SecurityMockMvcRequestBuilders.formLogin()
                    .userParameter("login")
                    .user(nic.value())
                    .password(Fixtures.PASSWORD))
            .andReturn()
            .getResponse()
            .getCookie("SESSION");
    assertThat(session).as("signed in with a session").isNotNull();
    return session;
  }

  private String page(Cookie session, String query) throws Exception {
    return mvc.perform(get("/account/contacts/services?" + query).cookie(session))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  /** Waits until the replica holds what the predicate looks for. */
  private void awaitReplica(String what, Predicate<JdbcClient> holds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!holds.test(onReplica())) {
      assertThat(System.nanoTime()).as("the replica replays " + what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static boolean techOf(JdbcClient db, long serviceId, Nic tech) {
    return db.sql("select count(*) from services where id = ? and tech_nic = ?")
            .params(serviceId, tech.value())
            .query(Long.class)
            .single()
        == 1;
  }

  @Test
  void listsComeFromTheReplicaAndOnesOwnChangeFromThePrimaryUntilTheReplicaHasIt()
      throws Exception {
    Nic alice = fixtures.accountThatSignsIn(Language.en);
    Nic bruno = fixtures.accountThatSignsIn(Language.en);
    var service = fixtures.service(alice, bruno, alice);
    awaitReplica("the new service", db -> techOf(db, service.id(), bruno));
    // a service only the replica holds tells which database answered a page
    onReplica()
        .sql(
            "insert into services (id, type, name, display_name, created_at, admin_nic, tech_nic,"
                + " billing_nic, sort_key) values (?, 'vps', ?, 'x', current_timestamp, ?, ?, ?,"
                + " 'r')")
        // an id far above the primary's, so that no replicated row ever collides with it
        .params(
            1_000_000_000L + service.id(),
            "replica-only-" + alice.value(),
            alice.value(),
            alice.value(),
            alice.value())
        .update();
    Cookie aliceSession = signIn(alice);
    Cookie brunoSession = signIn(bruno);

    assertThat(page(aliceSession, "")).contains("replica-only-" + alice.value());

    // the replica stops replaying; Alice (administrator) takes the technical role herself
    onReplica().sql("alter subscription handover_lists disable").update();
    ChangeSet change =
        changes
            .request(as(alice), service.type(), service.name(), wanted(ContactRole.tech, alice))
            .orElseThrow();
    mvc.perform(
            post("/account/contacts/requests/" + change.id() + "/accept")
                .param("token", fixtures.codeFor(change.id(), alice))
                .cookie(aliceSession)
                .with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertThat(
            techOf(
                JdbcClient.create(primary.getDatabase("postgres", "handover_primary")),
                service.id(),
                alice))
        .as("applied on the primary")
        .isTrue();
    assertThat(techOf(onReplica(), service.id(), alice)).as("not on the lagging replica").isFalse();

    String alicesNextPage = page(aliceSession, "tech=" + alice.value());
    assertThat(alicesNextPage)
        .as("her own change shows: read from the primary")
        .contains(service.name())
        .doesNotContain("replica-only-" + alice.value());
    assertThat(page(brunoSession, "tech=" + bruno.value()))
        .as("others read the lagging replica")
        .contains(service.name());

    // the replica catches up: Alice's lists go back to it, with her change
    onReplica().sql("alter subscription handover_lists enable").update();
    awaitReplica("the change", db -> techOf(db, service.id(), alice));
    awaitReplica(
        "Alice's mark",
        db ->
            db.sql("select count(*) from replica_marks where nic = ?")
                    .param(alice.value())
                    .query(Long.class)
                    .single()
                == 1);
    String caughtUp = page(aliceSession, "");
    assertThat(caughtUp).contains("replica-only-" + alice.value()).contains(service.name());
    assertThat(page(brunoSession, "tech=" + bruno.value())).doesNotContain(service.name());
  }
}
