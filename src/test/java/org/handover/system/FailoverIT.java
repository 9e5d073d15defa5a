package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.handover.support.FailoverLedger;
import org.handover.support.HandoverCalls;
import org.handover.support.HandoverCalls.Answer;
import org.handover.support.HandoverCalls.Api;
import org.handover.support.HandoverProcess;
import org.handover.support.PgBouncer;
import org.handover.support.PostgresCluster;
import org.handover.support.SentMail;
import org.handover.support.SmtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The primary dies and nothing acknowledged is lost: a PostgreSQL primary with a synchronous
 * standby ({@code pg_basebackup}, Debian's PostgreSQL 15), Handover on them as its own process,
 * writers through the panel, the customer API and the operator API on several threads; the primary
 * gets {@code kill -9} mid-workflow and the standby is promoted ({@code pg_ctl promote}, as a
 * failover manager does). Then every acknowledged write is on the new primary, every change set is
 * whole, a used code is refused, the outbox drains with every email delivered, and Handover writes
 * again; nothing answered 500 (503 with {@code Retry-After} while the primary changed). Once with
 * the multi-host JDBC URL, once through PgBouncer in transaction pooling mode.
 */
class FailoverIT {

  private static final String TOKEN = "failover-test-operator-token-0123456789abcdef";
  private static final String PASSWORD = "handover-demo";
  private static final String ALICE = "aa100001-ovh";
  private static final String BRUNO = "bb200002-ovh";
  private static final String CLAIRE = "cc300003-ovh";
  private static final String DAVE = "dd400004-ovh";
  private static final String ALICE_EMAIL = "alice@demo.handover.test";

  /** The pool and driver settings README's "Production" section documents. */
  static final String DRIVER_SETTINGS =
      "connectTimeout=2&socketTimeout=30&tcpKeepAlive=true&hostRecheckSeconds=1";

  private final List<AutoCloseable> started = new ArrayList<>();
  private final List<MimeMessage> mails = new CopyOnWriteArrayList<>();
  private GreenMail smtp;
  private int smtpPort;

  @BeforeEach
  void smtpSink() {
    smtpPort = SmtpServer.freePort();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    var store = smtp.getUserManager().getMessageDeliveryHandler();
    smtp.getUserManager()
        .setMessageDeliveryHandler(
            (message, address) -> {
              mails.add(message.getMessage());
              return store.handle(message, address);
            });
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
    smtp.stop();
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aPromotedSynchronousStandbyHasEveryAcknowledgedWrite() throws Exception {
    PostgresCluster cluster = track(PostgresCluster.start());
    String url = cluster.multiHostUrl("primary", DRIVER_SETTINGS);
    // the synchronous standby serves the lists as the read replica until it is promoted
    String replica = cluster.multiHostUrl("preferSecondary", DRIVER_SETTINGS);
    survivesFailover(
        "multi-host URL",
        cluster,
        List.of(
            "--spring.datasource.url=" + url,
            "--handover.datasource.replica.url=" + replica,
            "--handover.datasource.replica.username=postgres",
            "--handover.datasource.replica.password="),
        cluster::promoteStandby);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void throughPgBouncerInTransactionPoolingNothingAcknowledgedIsLost() throws Exception {
    PostgresCluster cluster = track(PostgresCluster.start());
    PgBouncer bouncer =
        track(PgBouncer.start(cluster.base().resolve("pgbouncer"), cluster.primaryPort()));
    survivesFailover(
        "PgBouncer (transaction pooling)",
        cluster,
        List.of("--spring.datasource.url=" + bouncer.url(DRIVER_SETTINGS)),
        () -> {
          cluster.promoteStandby();
          bouncer.pointAt(cluster.standbyPort());
        });
  }

  private void survivesFailover(
      String topology, PostgresCluster cluster, List<String> database, Runnable failover)
      throws Exception {
    HandoverProcess handover = track(startHandover(database, topology));
    HandoverCalls calls = new HandoverCalls(handover.base());
    HttpClient lists = calls.browser();
    calls.signIn(lists, ALICE, PASSWORD);
    assertListsRead(calls, lists);
    Api alice = calls.createToken(ALICE, PASSWORD);
    List<String> whole = servicesHeldWhole(calls, alice);
    List<UsedCode> used = new ArrayList<>();
    for (String domain : whole.subList(0, 2)) {
      used.add(acceptOnce(calls, alice, domain));
    }
    List<String> writerDomains = whole.subList(2, whole.size());

    FailoverLedger ledger = new FailoverLedger();
    ExecutorService writers = Executors.newFixedThreadPool(5);
    writers.submit(() -> ledger.guarded(() -> ledger.operatorWrites(calls, TOKEN, "op1")));
    writers.submit(() -> ledger.guarded(() -> ledger.operatorWrites(calls, TOKEN, "op2")));
    writers.submit(
        () ->
            ledger.guarded(
                () -> ledger.customerApiWrites(calls, alice, writerDomains, BRUNO, CLAIRE)));
    writers.submit(() -> ledger.guarded(() -> ledger.panelWrites(calls, DAVE, PASSWORD, "p1")));
    writers.submit(() -> ledger.guarded(() -> ledger.panelWrites(calls, DAVE, PASSWORD, "p2")));
    Thread.sleep(6000);

    ledger.killed();
    cluster.killPrimary();
    failover.run();
    ledger.awaitWriteAfterKill(Duration.ofSeconds(60));
    Thread.sleep(3000);
    ledger.stop();
    writers.shutdown();
    assertThat(writers.awaitTermination(3, TimeUnit.MINUTES)).as("the writers ended").isTrue();

    try (Connection db = PostgresCluster.connect(cluster.standbyPort(), PostgresCluster.DATABASE)) {
      Set<String> accounts = column(db, "select nic from accounts");
      Set<String> applications =
          column(db, "select name from api_applications where owner_nic = '" + DAVE + "'");
      Set<String> requests = column(db, "select cast(id as varchar) from contact_changes");
      Set<String> aborted =
          column(
              db,
              "select cast(c.id as varchar) from contact_changes c"
                  + " join change_sets s on s.id = c.set_id where s.state = 'aborted'");
      Map<String, Set<String>> present =
          Map.of(
              "account", accounts,
              "application", applications,
              "request", requests,
              "cancel", aborted);
      ledger.assertAllPresent(present);
      assertWholeChangeSets(db, writerDomains);
      for (UsedCode code : used) {
        Answer again =
            calls.signed(
                alice,
                "POST",
                "/1.0/me/task/contactChange/" + code.taskId() + "/refuse",
                "{\"token\":\"" + code.code() + "\"}");
        assertThat(again.status()).as("a used code, after the failover").isBetween(400, 499);
      }
      calls.awaitOutboxDrained(Duration.ofSeconds(90));
      assertThat(column(db, "select cast(id as varchar) from mail_outbox where status <> 'sent'"))
          .as("every email of the outbox is sent")
          .isEmpty();
      Set<String> recipients = recipients();
      for (String email : ledger.accountEmails()) {
        assertThat(recipients).as("the welcome email to %s", email).contains(email);
      }
    }
    assertThat(calls.get("/actuator/health").status()).as("healthy").isEqualTo(200);
    assertListsRead(calls, lists);
    assertThat(
            calls
                .operator(TOKEN, "POST", "/operator/v1/accounts", FailoverLedger.newAccount("last"))
                .status())
        .as("writing again")
        .isEqualTo(201);
    assertThat(ledger.unexpected()).as("answers other than success or 503").isEmpty();
    assertThat(ledger.killToFirstWrite()).isLessThan(Duration.ofSeconds(30));
    System.out.printf(
        "[failover] %s: writes acknowledged before the kill %d, found after promotion %d;"
            + " acknowledged in all %d; kill to the first successful write sent after it %d ms; 503 answers %d"
            + " (forms kept on the panel's 503 page: %d); emails delivered %d, distinct"
            + " Message-IDs %d%n",
        topology,
        ledger.acknowledgedBeforeKill(),
        ledger.foundBeforeKill(),
        ledger.acknowledged(),
        ledger.killToFirstWrite().toMillis(),
        ledger.unavailable(),
        ledger.formsKept(),
        mails.size(),
        mails.stream().map(FailoverIT::messageId).distinct().count());
  }

  /** Alice's services list (from the read replica when one is set) answers in her session. */
  private static void assertListsRead(HandoverCalls calls, HttpClient browser) {
    Answer list = calls.page(browser, "/account/contacts/services");
    assertThat(list.status()).as("My services").isEqualTo(200);
    assertThat(list.body()).contains(ALICE);
  }

  private HandoverProcess startHandover(List<String> database, String topology) {
    Path work = Path.of("target", "failover", UUID.randomUUID().toString());
    List<String> args = new ArrayList<>(database);
    args.addAll(
        List.of(
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=",
            "--handover.operator.token=" + TOKEN,
            "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + smtpPort,
            "--handover.mail.poll-interval=PT0.2S",
            "--handover.mail.claim-lease=PT15S"));
    HandoverProcess process =
        HandoverProcess.start(
            work, work.resolve("handover.log"), List.of("-Xmx384m"), args, Map.of());
    try {
      return process.awaitHealthy(Duration.ofMinutes(3));
    } catch (RuntimeException e) {
      throw new IllegalStateException("Handover did not start on " + topology, e);
    }
  }

  private <T extends AutoCloseable> T track(T resource) {
    started.add(resource);
    return resource;
  }

  // ---- used codes -----------------------------------------------------------------------------

  record UsedCode(long taskId, String code) {}

  /** Alice asks for a change and accepts it with her code: that code is spent. */
  private UsedCode acceptOnce(HandoverCalls calls, Api alice, String domain) throws Exception {
    Answer made =
        calls.signed(
            alice,
            "POST",
            "/1.0/domain/" + domain + "/changeContact",
            "{\"contactTech\":\"" + BRUNO + "\"}");
    assertThat(made.status()).as("changeContact: %s", made.body()).isEqualTo(200);
    long task = made.json().get(0).asLong();
    long set =
        calls
            .signed(alice, "GET", "/1.0/me/task/contactChange/" + task, null)
            .json()
            .path("changeSetId")
            .asLong();
    String code = awaitCode(ALICE_EMAIL, set);
    Answer accepted =
        calls.signed(
            alice,
            "POST",
            "/1.0/me/task/contactChange/" + task + "/accept",
            "{\"token\":\"" + code + "\"}");
    assertThat(accepted.status()).as("accept: %s", accepted.body()).isEqualTo(200);
    return new UsedCode(task, code);
  }

  private String awaitCode(String email, long set) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      for (MimeMessage mail : mails) {
        String code = SentMail.codeFor(mail, set);
        if (code != null && mail.getAllRecipients()[0].toString().equals(email)) {
          return code;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no code email to " + email + " for request " + set);
  }

  private static String messageId(MimeMessage mail) {
    try {
      return mail.getMessageID();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Set<String> recipients() throws Exception {
    Set<String> all = new HashSet<>();
    for (MimeMessage mail : mails) {
      all.add(mail.getAllRecipients()[0].toString());
    }
    return all;
  }

  // ---- checks ---------------------------------------------------------------------------------

  /** Domains where Alice holds all three roles: the change sets' material. */
  private static List<String> servicesHeldWhole(HandoverCalls calls, Api alice) {
    List<String> whole = new ArrayList<>();
    for (JsonNode name : calls.signed(alice, "GET", "/1.0/domain", null).json()) {
      JsonNode info =
          calls
              .signed(alice, "GET", "/1.0/domain/" + name.asString() + "/serviceInfos", null)
              .json();
      if (ALICE.equals(info.path("contactAdmin").asString())
          && ALICE.equals(info.path("contactTech").asString())
          && ALICE.equals(info.path("contactBilling").asString())) {
        whole.add(name.asString());
      }
    }
    assertThat(whole).as("domains where Alice holds every role").hasSizeGreaterThan(3);
    return whole;
  }

  /** Every change set on the writers' domains has both its items (tech and billing), or none. */
  private static void assertWholeChangeSets(Connection db, List<String> domains) throws Exception {
    String names = domains.stream().map(d -> "'" + d + "'").collect(Collectors.joining(","));
    Set<String> partial =
        column(
            db,
            "select cast(c.set_id as varchar) from contact_changes c"
                + " join services s on s.id = c.service_id where s.name in ("
                + names
                + ") group by c.set_id having count(*) <> 2");
    assertThat(partial).as("change sets with a missing item").isEmpty();
    assertThat(
            column(
                db,
                "select cast(s.id as varchar) from change_sets s where not exists"
                    + " (select 1 from set_parties p where p.set_id = s.id)"))
        .as("change sets without their parties")
        .isEmpty();
  }

  private static Set<String> column(Connection db, String sql) throws Exception {
    Set<String> values = new HashSet<>();
    try (PreparedStatement s = db.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
