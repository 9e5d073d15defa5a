package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.handover.support.EmbeddedPostgresDatabase;
import org.handover.support.HandoverCalls;
import org.handover.support.HandoverCalls.Answer;
import org.handover.support.HandoverCalls.Api;
import org.handover.support.HandoverProcess;
import org.handover.support.SentMail;
import org.handover.support.SmtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nothing acknowledged is lost when the process is killed: Handover runs as its own process (the
 * packaged jar), is driven through the panel, the customer API and the operator API, and is killed
 * with {@code kill -9} right after its answers, at three points (after requests were created, in
 * the middle of an outbox batch, right after a first acceptance); after each restart on the same
 * data every acknowledged write is there, its emails are delivered, codes work exactly once and new
 * ids are larger than every id handed out before. On the embedded default (an H2 file under the
 * process's own {@code ./data/}, as {@code ./mvnw spring-boot:run} runs it) and on PostgreSQL.
 */
class CrashRecoveryIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TOKEN = "crash-test-operator-token-0123456789abcdef";
  private static final String PASSWORD = "handover-demo";
  private static final String ALICE = "aa100001-ovh";
  private static final String BRUNO = "bb200002-ovh";
  private static final String CLAIRE = "cc300003-ovh";
  private static final String ALICE_EMAIL = "alice@demo.handover.test";
  private static final String BRUNO_EMAIL = "bruno@demo.handover.test";
  private static final String CLAIRE_EMAIL = "claire@demo.handover.test";
  private static final Pattern CODE_LINK = Pattern.compile("requests/(\\d+)\\?token=([0-9A-Z-]+)");
  private static final int BACKLOG = 60;
  private static final int BATCH = 20;
  private static final int BLOCK_AT = 30;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Path work = Path.of("target", "crash", UUID.randomUUID().toString());

  private GreenMail smtp;
  private int smtpPort;

  /** Every delivery the SMTP sink accepted: Message-ID and the run it arrived in. */
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  private final Map<String, MimeMessage> byMessageId = new ConcurrentHashMap<>();
  private volatile int run;
  private volatile CountDownLatch blocked;
  private volatile CountDownLatch release;

  record Delivery(String messageId, String to, int run) {}

  @BeforeEach
  void smtpSink() {
    smtpPort = SmtpServer.freePort();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    MessageDeliveryHandler store = smtp.getUserManager().getMessageDeliveryHandler();
    smtp.getUserManager()
        .setMessageDeliveryHandler(
            (message, address) -> {
              MimeMessage mime = message.getMessage();
              String id = mime.getMessageID();
              deliveries.add(new Delivery(id, address.getEmail(), run));
              byMessageId.putIfAbsent(id, mime);
              CountDownLatch block = blocked;
              if (block != null && deliveries.size() >= BLOCK_AT) {
                // hold this SMTP transaction open: the sender is now inside a batch
                blocked = null;
                block.countDown();
                try {
                  release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return store.handle(message, address);
            });
  }

  /** Every process this test started: none outlives the test, even when an assertion fails. */
  private final List<HandoverProcess> started = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    if (release != null) {
      release.countDown();
    }
    started.forEach(HandoverProcess::close);
    smtp.stop();
  }

  @Test
  void theEmbeddedDefaultLosesNoAcknowledgedWrite() throws Exception {
    // no datasource setting: the default H2 file under the process's working directory
    survivesKills(List.of(), "h2");
  }

  @Test
  void postgresqlLosesNoAcknowledgedWrite() throws Exception {
    var pg = EmbeddedPostgresDatabase.server();
    String database = "crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var c = pg.getPostgresDatabase().getConnection();
        var s = c.createStatement()) {
      s.execute("create database " + database);
    }
    survivesKills(
        List.of(
            "--spring.datasource.url=" + pg.getJdbcUrl("postgres", database),
            "--spring.datasource.username=postgres",
            "--spring.datasource.password="),
        "postgres");
  }

  private void survivesKills(List<String> database, String name) throws Exception {
    Path dir = work.resolve(name);
    List<String> common = new ArrayList<>(database);
    common.addAll(
        List.of(
            "--handover.operator.token=" + TOKEN,
            "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + smtpPort,
            "--handover.mail.batch-size=" + BATCH,
            "--handover.mail.senders=1"));

    // ---- run 1: writes through the panel, the customer API and the operator API; no mail sent
    run = 1;
    List<String> quiet = new ArrayList<>(common);
    quiet.add("--handover.mail.poll-interval=PT1H");
    HandoverProcess first = start(dir, name, 1, quiet);
    Api alice = createToken(first, ALICE);
    Api bruno = createToken(first, BRUNO);
    Api claire = createToken(first, CLAIRE);
    List<String> own = servicesHeldWhole(first, alice, 2);
    long techToBruno = changeContact(first, alice, own.get(0), "contactTech", BRUNO);
    long billingToClaire = changeContact(first, alice, own.get(1), "contactBilling", CLAIRE);
    NewAccount signedUp = signUp(first);
    String imported = importOneAccountAndService(first);
    List<NewAccount> backlog = new ArrayList<>();
    for (int i = 0; i < BACKLOG; i++) {
      backlog.add(operatorCreatesAccount(first, i));
    }
    first.kill();
    assertThat(deliveries).as("nothing was sent before the first kill").isEmpty();
    System.out.printf(
        "[crash] %s kill 1 (after requests): acknowledged 3 credentials, 2 requests, 1 sign-up,"
            + " 1 import, %d accounts%n",
        name, backlog.size());

    // ---- run 2: everything is back; the outbox starts sending and is killed inside a batch
    run = 2;
    blocked = new CountDownLatch(1);
    release = new CountDownLatch(1);
    CountDownLatch inBatch = blocked;
    HandoverProcess second = start(dir, name, 2, withMailEvery(common));
    assertThat(inBatch.await(120, TimeUnit.SECONDS)).as("the outbox reached a batch").isTrue();
    second.kill();
    release.countDown();
    int sentBeforeKill = deliveries.size();
    System.out.printf(
        "[crash] %s kill 2 (inside an outbox batch): %d emails accepted by SMTP before it%n",
        name, sentBeforeKill);

    // ---- run 3: every acknowledged write is there; the outbox drains; one party accepts
    run = 3;
    HandoverProcess third = start(dir, name, 3, withMailEvery(common));
    for (Api key : List.of(alice, bruno, claire)) {
      assertThat(get(third, key, "/1.0/me").path("nichandle").asString())
          .as("the consumer key survived")
          .isEqualTo(key.nic());
    }
    assertThat(task(third, alice, techToBruno).path("state").asString())
        .isEqualTo("validatingByCustomers");
    assertThat(task(third, alice, billingToClaire).path("state").asString())
        .isEqualTo("validatingByCustomers");
    List<NewAccount> acknowledged = new ArrayList<>(backlog);
    acknowledged.add(signedUp);
    for (String nic :
        concat(List.of(imported), acknowledged.stream().map(NewAccount::nic).toList())) {
      assertThat(operator(third, "GET", "/operator/v1/accounts/" + nic, null).status())
          .as("account %s is there", nic)
          .isEqualTo(200);
    }
    calls(third).awaitOutboxDrained(Duration.ofSeconds(120));
    for (NewAccount account : acknowledged) {
      assertThat(deliveries)
          .as("the welcome email of %s", account.nic())
          .anyMatch(d -> d.to().equals(account.email()));
    }
    long techSet = task(third, alice, techToBruno).path("changeSetId").asLong();
    String aliceCode = code(ALICE_EMAIL, techSet);
    assertThat(post(third, alice, taskPath(techToBruno) + "/accept", tokenBody(aliceCode)).status())
        .isEqualTo(200);
    third.kill();
    System.out.printf("[crash] %s kill 3 (right after the first acceptance)%n", name);

    // ---- run 4: the acceptance is there, the used code is spent, the change completes once
    run = 4;
    HandoverProcess fourth = start(dir, name, 4, withMailEvery(common));
    JsonNode half = task(fourth, alice, techToBruno);
    assertThat(half.path("state").asString()).isEqualTo("validatingByCustomers");
    assertThat(partyStatus(half, ALICE)).isEqualTo("accepted");
    assertThat(
            post(fourth, alice, taskPath(techToBruno) + "/refuse", tokenBody(aliceCode)).status())
        .as("a code works once, also across a crash")
        .isBetween(400, 499);
    assertThat(
            post(fourth, alice, taskPath(techToBruno) + "/accept", tokenBody(aliceCode)).status())
        .as("the same acceptance repeated is a no-op")
        .isEqualTo(200);
    assertThat(task(fourth, alice, techToBruno).path("state").asString())
        .isEqualTo("validatingByCustomers");
    assertThat(
            post(
                    fourth,
                    bruno,
                    taskPath(techToBruno) + "/accept",
                    tokenBody(code(BRUNO_EMAIL, techSet)))
                .status())
        .isEqualTo(200);
    assertThat(task(fourth, alice, techToBruno).path("state").asString()).isEqualTo("done");
    assertThat(serviceInfos(fourth, alice, own.get(0)).path("contactTech").asString())
        .isEqualTo(BRUNO);
    long later = changeContact(fourth, alice, own.get(2 % own.size()), "contactAdmin", CLAIRE);
    assertThat(later).as("ids are never handed out twice").isGreaterThan(billingToClaire);
    NewAccount newAccount = operatorCreatesAccount(fourth, BACKLOG + 1);
    assertThat(newAccount).isNotIn(acknowledged);
    calls(fourth).awaitOutboxDrained(Duration.ofSeconds(120));
    assertThat(code(CLAIRE_EMAIL, task(fourth, alice, later).path("changeSetId").asLong()))
        .isNotBlank();
    assertThat(deliveries).anyMatch(d -> d.to().equals(newAccount.email()));
    fourth.close();

    // exactly once, except what the killed batch had handed to SMTP without recording it
    Map<String, Long> copies =
        deliveries.stream()
            .collect(Collectors.groupingBy(Delivery::messageId, Collectors.counting()));
    Set<String> inFlight =
        deliveries.stream()
            .filter(d -> d.run() == 2)
            .map(Delivery::messageId)
            .collect(Collectors.toSet());
    List<String> twice =
        copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    assertThat(copies.values()).allMatch(n -> n <= 2);
    assertThat(inFlight).containsAll(twice);
    assertThat(twice.size()).isLessThanOrEqualTo(BATCH);
    System.out.printf(
        "[crash] %s: %d emails delivered, %d distinct; sent again after the batch kill: %d (same"
            + " Message-ID); acknowledged writes checked after restart: 3 keys, 2 requests,"
            + " 1 sign-up, 1 import, %d accounts, 1 acceptance - all there%n",
        name, deliveries.size(), copies.size(), twice.size(), backlog.size());
  }

  private static List<String> withMailEvery(List<String> common) {
    List<String> args = new ArrayList<>(common);
    args.add("--handover.mail.poll-interval=PT0.2S");
    return args;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private HandoverProcess start(Path dir, String name, int n, List<String> args) {
    HandoverProcess process =
        HandoverProcess.start(
            dir, work.resolve(name + "-run" + n + ".log"), List.of("-Xmx384m"), args, Map.of());
    started.add(process);
    return process.awaitHealthy(Duration.ofMinutes(3));
  }

  /** The code in the newest code email to {@code email} for change set {@code id}. */
  private String code(String email, long id) {
    String found = null;
    for (Delivery d : deliveries) {
      String code =
          d.to().equals(email) ? SentMail.codeFor(byMessageId.get(d.messageId()), id) : null;
      if (code != null) {
        found = code;
      }
    }
    assertThat(found).as("a code email to %s for request %d", email, id).isNotNull();
    return found;
  }

  private static HandoverCalls calls(HandoverProcess server) {
    return new HandoverCalls(server.base());
  }

  // ---- the panel ------------------------------------------------------------------------------

  record NewAccount(String nic, String email) {}

  private NewAccount signUp(HandoverProcess server) {
    HandoverCalls calls = calls(server);
    HttpClient browser = calls.browser();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("_csrf", calls.csrf(browser, "/signup"));
    String email = "crash-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
    fields.put("email", email);
    fields.put("firstName", "Crash");
    fields.put("lastName", "Test");
    fields.put("organisation", "");
    fields.put("language", "en");
    fields.put("password", "a long enough password");
    fields.put("passwordAgain", "a long enough password");
    assertThat(calls.form(browser, "/signup", fields).status()).isEqualTo(200);
    // the answer does not name the account (it is the same for a known address): sign in with
    // the email to read the new customer ID
    Map<String, String> credentials = new LinkedHashMap<>();
    credentials.put("_csrf", calls.csrf(browser, "/login"));
    credentials.put("login", email);
    credentials.put("password", "a long enough password");
    Answer signedIn = calls.form(browser, "/login", credentials);
    Matcher nic = Pattern.compile("\\b([a-z]{2}\\d{4,8}-ovh)\\b").matcher(signedIn.body());
    assertThat(nic.find()).as("the new customer ID once signed in").isTrue();
    return new NewAccount(nic.group(1), email);
  }

  // ---- the customer API -----------------------------------------------------------------------

  private Api createToken(HandoverProcess server, String nic) {
    return calls(server).createToken(nic, PASSWORD);
  }

  private JsonNode get(HandoverProcess server, Api key, String path) {
    Answer a = calls(server).signed(key, "GET", path, null);
    assertThat(a.status()).as("GET %s as %s: %s", path, key.nic(), a.body()).isEqualTo(200);
    return a.json();
  }

  private Answer post(HandoverProcess server, Api key, String path, String body) {
    return calls(server).signed(key, "POST", path, body);
  }

  private static String taskPath(long id) {
    return "/1.0/me/task/contactChange/" + id;
  }

  private static String tokenBody(String code) {
    return "{\"token\":\"" + code + "\"}";
  }

  private JsonNode task(HandoverProcess server, Api key, long id) throws Exception {
    return get(server, key, taskPath(id));
  }

  private JsonNode serviceInfos(HandoverProcess server, Api key, String domain) throws Exception {
    return get(server, key, "/1.0/domain/" + domain + "/serviceInfos");
  }

  private static String partyStatus(JsonNode task, String nic) {
    for (JsonNode party : task.path("parties")) {
      if (party.toString().contains(nic)) {
        return party.path("status").asString();
      }
    }
    throw new AssertionError("no party " + nic + " in " + task);
  }

  /** Domains where {@code key}'s account holds all three roles; at least {@code count}. */
  private List<String> servicesHeldWhole(HandoverProcess server, Api key, int count)
      throws Exception {
    List<String> whole = new ArrayList<>();
    for (JsonNode name : get(server, key, "/1.0/domain")) {
      JsonNode info = serviceInfos(server, key, name.asString());
      if (key.nic().equals(info.path("contactAdmin").asString())
          && key.nic().equals(info.path("contactTech").asString())
          && key.nic().equals(info.path("contactBilling").asString())) {
        whole.add(name.asString());
      }
    }
    assertThat(whole).as("domains where %s holds every role", key.nic()).hasSizeGreaterThan(count);
    return whole;
  }

  private long changeContact(HandoverProcess server, Api key, String domain, String role, String to)
      throws Exception {
    Answer a =
        post(
            server,
            key,
            "/1.0/domain/" + domain + "/changeContact",
            "{\"" + role + "\":\"" + to + "\"}");
    assertThat(a.status()).as("changeContact: %s", a.body()).isEqualTo(200);
    JsonNode ids = a.json();
    assertThat(ids.size()).isEqualTo(1);
    return ids.get(0).asLong();
  }

  // ---- the operator API -----------------------------------------------------------------------

  private Answer operator(HandoverProcess server, String method, String path, String json) {
    return calls(server).operator(TOKEN, method, path, json);
  }

  private NewAccount operatorCreatesAccount(HandoverProcess server, int i) throws Exception {
    String email =
        "backlog-" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.net";
    String body =
        "{\"email\":\""
            + email
            + "\",\"firstName\":\"Back\",\"lastName\":\"Log "
            + i
            + "\",\"language\":\"en\",\"password\":\"a long enough password\"}";
    Answer r = operator(server, "POST", "/operator/v1/accounts", body);
    assertThat(r.status()).as("operator creates an account: %s", r.body()).isEqualTo(201);
    return new NewAccount(r.json().path("nic").asString(), email);
  }

  /** One account and one domain by the bulk import; returns the account's customer ID. */
  private String importOneAccountAndService(HandoverProcess server) throws Exception {
    String nic = "zz" + (100000 + (int) (Math.random() * 800000)) + "-ovh";
    String accounts = "nic,email,firstName,lastName\n" + nic + "," + nic + "@example.net,Im,Port\n";
    String services =
        "type,name,admin,tech,billing\ndomain,"
            + nic.substring(0, 8)
            + "-import.example,"
            + nic
            + ","
            + nic
            + ","
            + nic
            + "\n";
    String boundary = "----crash" + UUID.randomUUID();
    String multipart =
        part(boundary, "accounts", "accounts.csv", accounts)
            + part(boundary, "services", "services.csv", services)
            + "--"
            + boundary
            + "--\r\n";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(server.base() + "/operator/v1/import"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("import: %s", r.body()).isEqualTo(200);
    return nic;
  }

  private static String part(String boundary, String name, String file, String content) {
    return "--"
        + boundary
        + "\r\nContent-Disposition: form-data; name=\""
        + name
        + "\"; filename=\""
        + file
        + "\"\r\nContent-Type: text/csv\r\n\r\n"
        + content
        + "\r\n";
  }
}
