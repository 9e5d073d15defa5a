package org.handover.bench;

import static org.handover.bench.DataGenerator.LIFECYCLE_SERVICES;
import static org.handover.bench.DataGenerator.PASSWORD;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.handover.catalog.ListingStatements;
import org.handover.catalog.ServiceQuery;
import org.handover.change.SetStatements;
import org.handover.mail.OutboxDispatcher;
import org.handover.support.ApiSignature;
import org.handover.support.HandoverProcess;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The benchmark of issue 7: loads the data set into PostgreSQL (embedded by default, or {@code
 * -Dbench.url/user/password}), starts Handover as a separate JVM at {@code -Xmx256m}, drives it at
 * a fixed concurrency and prints every phase next to the ceiling measured in the same run. Not a
 * test: it runs only with {@code ./mvnw -Pbench test} (the name matches no surefire default
 * pattern). Results also go to {@code target/bench/results.json}.
 */
class HandoverBenchmark {

  static final int THREADS = Integer.getInteger("bench.concurrency", 8);
  static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "10"));
  static final double WARMUP = Double.parseDouble(System.getProperty("bench.warmup", "3"));
  static final String HEAP = System.getProperty("bench.xmx", "256m");
  static final int SLICES = Integer.getInteger("bench.slices", 5);
  static final Path OUT = Path.of("target", "bench");

  static {
    // the receiving GreenMail parses every email with Jakarta Mail, as the dispatcher builds them
    OutboxDispatcher.nameTheMailStreamProvider();
  }

  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  String jdbcUrl;
  String dbUser;
  String dbPassword;
  final AtomicLong peakHeap = new AtomicLong();
  final List<String> notes = new ArrayList<>();

  record Token(String appKey, String secret, String consumer) {}

  @Test
  void run() throws Exception {
    Files.createDirectories(OUT);
    DataGenerator.Sizes sizes = DataGenerator.Sizes.fromSystemProperties();
    EmbeddedPostgres pg = null;
    if (System.getProperty("bench.url") != null) {
      jdbcUrl = System.getProperty("bench.url");
      dbUser = System.getProperty("bench.user", "postgres");
      dbPassword = System.getProperty("bench.password", "");
    } else {
      pg =
          EmbeddedPostgres.builder()
              .setServerConfig("max_connections", "200")
              .setServerConfig("shared_buffers", "256MB")
              .setServerConfig("synchronous_commit", System.getProperty("bench.syncCommit", "on"))
              .start();
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("drop database if exists bench");
        s.execute("create database bench");
      }
      jdbcUrl = pg.getJdbcUrl("postgres", "bench");
      dbUser = "postgres";
      dbPassword = "";
    }
    try {
      Flyway.configure()
          .dataSource(jdbcUrl, dbUser, dbPassword)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      try (Connection c = connect()) {
        String summary = DataGenerator.generate(c, sizes);
        System.out.println("[bench] " + summary);
        notes.add(summary);
      }
      benchmark(sizes);
    } finally {
      if (pg != null) {
        pg.close();
      }
    }
  }

  Connection connect() throws Exception {
    return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
  }

  // ---- the run ------------------------------------------------------------------------------

  void benchmark(DataGenerator.Sizes sizes) throws Exception {
    if ("access".equals(System.getProperty("bench.only"))) {
      accessOnly();
      return;
    }
    if ("lifecycle".equals(System.getProperty("bench.only"))) {
      lifecycleOnly();
      return;
    }
    List<Row> rows = new ArrayList<>();
    Server a = Server.start(this, null, "server-a");
    Load.Result httpCeiling;
    Load.Result[] my = new Load.Result[4];
    Load.Result[] alone = new Load.Result[4];
    Load.Result api;
    Load.Result life;
    Load.Result jdbcCeiling;
    AccessPhases.Results access;
    long lifecycles;
    try {
      String base = a.base;
      String[] sessions = new String[THREADS];
      for (int t = 0; t < THREADS; t++) {
        sessions[t] = signIn(base, DataGenerator.reseller());
      }
      String query = "?GET=/*&POST=/*&PUT=/*&DELETE=/*";
      Token reseller = createToken(base + "/createToken" + query, DataGenerator.reseller());
      Token[] partners = new Token[THREADS];
      for (int t = 0; t < THREADS; t++) {
        partners[t] =
            createToken(
                base + "/createToken" + query, DataGenerator.partner(t % DataGenerator.PARTNERS));
      }

      if ("render".equals(System.getProperty("bench.only"))) {
        RenderPhases.run(this, base, sessions, reseller, Math.max(1, (sizes.changes() + 49) / 50));
        return;
      }
      if (SessionPhases.ONLY) {
        SessionPhases.run(this, base, sessions, a.process.pid());
        return;
      }

      // (a) My services for the reseller
      String services = base + "/account/contacts/services";
      String deep = deepCursor(services, sessions[0]);
      String[][] pages = {
        {"My services: page 1", services},
        {"My services: deep page", services + "?after=" + deep},
        {"My services: name search", services + "?q=" + DataGenerator.WORDS[3]},
        {"My services: contact filter", services + "?tech=" + DataGenerator.customer(4)}
      };
      for (int p = 0; p < pages.length; p++) {
        String url = pages[p][1];
        my[p] =
            Load.run(
                pages[p][0],
                THREADS,
                WARMUP,
                SECONDS,
                List.of(),
                (t, i, s) ->
                    expect(
                        http.send(get(url).header("Cookie", sessions[t]).build(), ofString()),
                        200));
        System.out.println("[bench] " + my[p].summary());
      }
      // the same pages for a single client: what a page costs without queueing behind others
      for (int p = 0; p < pages.length; p++) {
        String url = pages[p][1];
        alone[p] =
            Load.run(
                pages[p][0] + " (1 client)",
                1,
                WARMUP / 2,
                SECONDS / 2,
                List.of(),
                (t, i, s) ->
                    expect(
                        http.send(get(url).header("Cookie", sessions[0]).build(), ofString()),
                        200));
        System.out.println("[bench] " + alone[p].summary());
      }

      // (b) signed API reads of the reseller's requests (ids 1, 51, 101… involve it), in turns
      // with (i) the HTTP ceiling, a trivial endpoint of the same server
      int involved = Math.max(1, (sizes.changes() + 49) / 50);
      Load.Spec reads =
          new Load.Spec(
              "signed GET /1.0/me/task/contactChange/{id}",
              List.of(),
              (t, i, s) -> {
                long id = 1 + ((t * 7919L + i) % involved) * 50;
                expect(
                    http.send(
                        signed(reseller, "GET", base + "/1.0/me/task/contactChange/" + id, ""),
                        ofString()),
                    200);
              });
      Load.Spec trivial =
          new Load.Spec(
              "http ceiling: GET /1.0/auth/time",
              List.of(),
              (t, i, s) ->
                  expect(http.send(get(base + "/1.0/auth/time").build(), ofString()), 200));
      Load.Result[] paired = Load.alternate(reads, trivial, THREADS, WARMUP, SECONDS, SLICES);
      api = paired[0];
      httpCeiling = paired[1];
      System.out.println("[bench] " + api.summary());
      System.out.println("[bench] " + httpCeiling.summary());

      // (c) the lifecycle over the API, in turns with (ii) the database ceiling: the same
      // statements over JDBC at the same concurrency, writing as many outbox and audit rows as a
      // warm-up of the API lifecycle showed
      Connection[] apiDb = connections(true);
      Connection[] jdbcDb = connections(false);
      try {
        long before = maxChangeId();
        Load.Spec overApi = lifecycles(base, reseller, partners, apiDb);
        Load.run(overApi.phase(), THREADS, WARMUP, 0, overApi.stepNames(), overApi.call());
        int[] perLifecycle = rowsPerLifecycle(before);
        notes.add(
            "per API lifecycle: "
                + perLifecycle[0]
                + " outbox rows, "
                + perLifecycle[1]
                + " audit rows (the JDBC ceiling writes the same)");
        Load.Spec overJdbc = jdbcLifecycles(jdbcDb, perLifecycle[0], perLifecycle[1]);
        paired = Load.alternate(overApi, overJdbc, THREADS, WARMUP, SECONDS, SLICES);
        life = paired[0];
        jdbcCeiling = paired[1];
      } finally {
        close(apiDb);
        close(jdbcDb);
      }
      lifecycles = life.requests();
      System.out.println("[bench] " + life.summary());
      System.out.println("[bench] " + jdbcCeiling.summary());

      // (e) the provider's question: authorize next to the trivial endpoint, a batch of 100
      access = AccessPhases.run(this, base, reseller);
      System.out.println("[bench] " + access.authorize().summary());
      System.out.println("[bench] " + access.ceiling().summary());
      System.out.println("[bench] " + access.batch().summary());
      System.out.printf(
          Locale.ROOT,
          "[bench] batch of %d checks: p50 server time %.2f ms (target <= 5 ms)%n",
          AccessPhases.BATCH,
          access.batch().steps.get(0).percentileMs(50));
    } finally {
      a.stop();
    }

    // (d) outbox delivery: a second server start, now with SMTP, drains what phase c queued; to
    // GreenMail in this JVM, or with -Dbench.smtp=sink to the Python sink (its own process)
    SmtpSink sink = "sink".equals(System.getProperty("bench.smtp")) ? new SmtpSink(0) : null;
    int smtpPort = sink != null ? sink.port() : freePort();
    GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
    if (sink == null) {
      smtp.start();
    }
    double emailsPerSecond;
    long delivered;
    try {
      long pending = count("select count(*) from mail_outbox where status = 'pending'");
      Server b = Server.start(this, smtpPort, "server-b");
      try {
        long first = 0;
        long last = 0;
        long sentAtFirst = 0;
        long deadline = System.nanoTime() + 120_000_000_000L;
        long sent = 0;
        while (System.nanoTime() < deadline) {
          sent = count("select count(*) from mail_outbox where status in ('sent', 'failed')");
          long now = System.nanoTime();
          if (first == 0 && sent > 0) {
            first = now;
            sentAtFirst = sent;
          }
          if (sent >= pending) {
            last = now;
            break;
          }
          Thread.sleep(50);
        }
        if (last == 0) {
          last = System.nanoTime();
        }
        delivered = sent - sentAtFirst;
        emailsPerSecond = delivered / Math.max(1e-9, (last - first) / 1e9);
        long failed = count("select count(*) from mail_outbox where status = 'failed'");
        notes.add(
            String.format(
                Locale.ROOT,
                "outbox: %d pending at start, %d delivered after the first (%s), %d failed",
                pending,
                delivered,
                sink != null
                    ? "to the Python SMTP sink"
                    : smtp.getReceivedMessages().length + " received by GreenMail",
                failed));
      } finally {
        b.stop();
        notes.add("server-a peak RSS " + a.peakRss + ", server-b peak RSS " + b.peakRss);
      }
    } finally {
      if (sink != null) {
        sink.close();
      } else {
        smtp.stop();
      }
    }

    rows.add(Row.of(httpCeiling, null, "req/s"));
    for (Load.Result r : my) {
      rows.add(Row.of(r, httpCeiling, "req/s"));
    }
    for (Load.Result r : alone) {
      rows.add(Row.of(r, null, "req/s"));
    }
    rows.add(Row.of(api, httpCeiling, "req/s"));
    rows.add(Row.of(jdbcCeiling, null, "lifecycles/s"));
    rows.add(Row.of(life, jdbcCeiling, "lifecycles/s"));
    for (int i = 0; i < life.steps.size(); i++) {
      Load.Recorder st = life.steps.get(i);
      rows.add(
          new Row(
              "  step " + life.stepNames.get(i),
              st.count(),
              0,
              st.percentileMs(50),
              st.percentileMs(99),
              st.count() / life.seconds,
              Double.NaN,
              "req/s"));
    }
    rows.add(Row.of(access.ceiling(), null, "req/s"));
    rows.add(Row.of(access.authorize(), access.ceiling(), "req/s"));
    rows.add(Row.of(access.batch(), null, "req/s"));
    Load.Recorder serverTime = access.batch().steps.get(0);
    rows.add(
        new Row(
            "  server time of the batch (Server-Timing)",
            serverTime.count(),
            0,
            serverTime.percentileMs(50),
            serverTime.percentileMs(99),
            Double.NaN,
            Double.NaN,
            "ms"));
    rows.add(
        new Row(
            "outbox delivery to SMTP (emails/s)",
            delivered,
            0,
            Double.NaN,
            Double.NaN,
            emailsPerSecond,
            Double.NaN,
            "emails/s"));
    String table = table(rows, sizes) + plans();
    System.out.println(table);
    Files.writeString(OUT.resolve("results.txt"), table);
    Files.writeString(OUT.resolve("results.json"), json(rows, sizes));
    System.out.println("[bench] lifecycles measured: " + lifecycles);
  }

  /**
   * {@code EXPLAIN (ANALYZE, BUFFERS)} of what the reseller's name search and page 1 run: the
   * statements {@code ServiceListing} writes for them, with their values ({@link
   * ListingStatements}), so the results show the plans at the scale measured.
   */
  String plans() throws Exception {
    Nic reseller = new Nic(DataGenerator.reseller());
    Map<String, ServiceQuery> queries = new LinkedHashMap<>();
    queries.put(
        "name search (q=" + DataGenerator.WORDS[3] + ")",
        new ServiceQuery(
            reseller, DataGenerator.WORDS[3], null, null, null, null, null, null, null, 50));
    queries.put(
        "page 1", new ServiceQuery(reseller, null, null, null, null, null, null, null, null, 50));
    DataSource db =
        new SimpleDriverDataSource(new org.postgresql.Driver(), jdbcUrl, dbUser, dbPassword);
    StringBuilder b =
        new StringBuilder(
            "\nPlans of My services for the reseller (EXPLAIN (ANALYZE, BUFFERS)):\n");
    for (Map.Entry<String, ServiceQuery> q : queries.entrySet()) {
      List<String> statements = ListingStatements.of(db, q.getValue());
      for (int i = 0; i < statements.size(); i++) {
        String sql = statements.get(i);
        b.append(
            String.format(
                "%n%s, statement %d of %d:%n  %s%n%n", q.getKey(), i + 1, statements.size(), sql));
        try (Connection c = connect();
            Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("explain (analyze, buffers) " + sql)) {
          while (rs.next()) {
            b.append("  ").append(rs.getString(1)).append('\n');
          }
        }
      }
    }
    return b.toString();
  }

  /** {@code -Dbench.only=access}: phase (e) alone, for measuring the decision path. */
  void accessOnly() throws Exception {
    Server a = Server.start(this, null, "server-a");
    try {
      Token reseller =
          createToken(
              a.base + "/createToken?GET=/*&POST=/*&PUT=/*&DELETE=/*", DataGenerator.reseller());
      AccessPhases.Results access = AccessPhases.run(this, a.base, reseller);
      System.out.println("[bench] " + access.ceiling().summary());
      System.out.println("[bench] " + access.authorize().summary());
      System.out.println("[bench] " + access.batch().summary());
      Load.Recorder serverTime = access.batch().steps.get(0);
      System.out.printf(
          Locale.ROOT,
          "[bench] authorize at %.0f %% of the ceiling; batch of %d: p50 server time %.2f ms,"
              + " p99 %.2f ms%n",
          100 * access.authorize().perSecond() / access.ceiling().perSecond(),
          AccessPhases.BATCH,
          serverTime.percentileMs(50),
          serverTime.percentileMs(99));
    } finally {
      a.stop();
    }
  }

  /**
   * {@code -Dbench.only=lifecycle}: phase (c) alone, in alternating slices with the trivial
   * endpoint (a reference that a change of the lifecycle's SQL does not move), then with its JDBC
   * replica.
   */
  void lifecycleOnly() throws Exception {
    Server a = Server.start(this, null, "server-a");
    Connection[] apiDb = connections(true);
    Connection[] jdbcDb = connections(false);
    try {
      String query = "?GET=/*&POST=/*&PUT=/*&DELETE=/*";
      Token reseller = createToken(a.base + "/createToken" + query, DataGenerator.reseller());
      Token[] partners = new Token[THREADS];
      for (int t = 0; t < THREADS; t++) {
        partners[t] =
            createToken(
                a.base + "/createToken" + query, DataGenerator.partner(t % DataGenerator.PARTNERS));
      }
      Load.Spec overApi = lifecycles(a.base, reseller, partners, apiDb);
      Load.Spec trivial =
          new Load.Spec(
              "http ceiling: GET /1.0/auth/time",
              List.of(),
              (t, i, s) ->
                  expect(http.send(get(a.base + "/1.0/auth/time").build(), ofString()), 200));
      long before = maxChangeId();
      Load.run(overApi.phase(), THREADS, WARMUP, 0, overApi.stepNames(), overApi.call());
      int[] perLifecycle = rowsPerLifecycle(before);
      Load.Result[] withTrivial = Load.alternate(overApi, trivial, THREADS, 0, SECONDS, SLICES);
      Load.Spec overJdbc = jdbcLifecycles(jdbcDb, perLifecycle[0], perLifecycle[1]);
      Load.Result[] withJdbc = Load.alternate(overApi, overJdbc, THREADS, 0, SECONDS, SLICES);
      for (Load.Result r : List.of(withTrivial[0], withTrivial[1], withJdbc[0], withJdbc[1])) {
        System.out.println("[bench] " + r.summary());
      }
      System.out.printf(
          Locale.ROOT,
          "[bench] lifecycle: %.2f/s against the trivial endpoint's %.1f/s (%.2f %%); %.2f/s"
              + " against its JDBC replica's %.2f/s (%.0f %%); %d outbox, %d audit rows each%n",
          withTrivial[0].perSecond(),
          withTrivial[1].perSecond(),
          100 * withTrivial[0].perSecond() / withTrivial[1].perSecond(),
          withJdbc[0].perSecond(),
          withJdbc[1].perSecond(),
          100 * withJdbc[0].perSecond() / withJdbc[1].perSecond(),
          perLifecycle[0],
          perLifecycle[1]);
    } finally {
      close(apiDb);
      close(jdbcDb);
      a.stop();
    }
  }

  // ---- phase c ------------------------------------------------------------------------------

  static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

  /** Phase c: the API lifecycle; {@code db} (one connection per thread) reads the codes. */
  Load.Spec lifecycles(String base, Token reseller, Token[] partners, Connection[] db) {
    int perThread = LIFECYCLE_SERVICES / 2 / THREADS;
    return new Load.Spec(
        "lifecycle over the API (changeContact + 2 accepts)",
        List.of("changeContact", "accept 1", "accept 2"),
        (t, i, steps) -> {
          int k = (int) (i % perThread);
          String name = DataGenerator.lifecycleService(t * perThread + k);
          String partnerNic = DataGenerator.partner(t % DataGenerator.PARTNERS);
          boolean toPartner = resync(db[t], reseller, base, name, partnerNic);
          String target = toPartner ? partnerNic : DataGenerator.reseller();
          long s0 = System.nanoTime();
          HttpResponse<String> created =
              http.send(
                  signed(
                      reseller,
                      "POST",
                      base + "/1.0/domain/" + name + "/changeContact",
                      "{\"contactTech\":\"" + target + "\"}"),
                  ofString());
          expect(created, 200);
          steps.step(0, System.nanoTime() - s0);
          long id = Long.parseLong(created.body().replaceAll("[^0-9]", ""));
          Map<String, String> codes = codes(db[t], id);
          String from = toPartner ? DataGenerator.reseller() : partnerNic;
          String to = toPartner ? partnerNic : DataGenerator.reseller();
          int step = 1;
          for (String party : List.of(from, to)) {
            String code = codes.get(party);
            if (code == null) {
              throw new IllegalStateException(
                  "no code for " + party + " on " + id + " (codes for " + codes.keySet() + ")");
            }
            Token who = party.equals(partnerNic) ? partners[t] : reseller;
            long a0 = System.nanoTime();
            expect(
                http.send(
                    signed(
                        who,
                        "POST",
                        base + "/1.0/me/task/contactChange/" + id + "/accept",
                        "{\"token\":\"" + code + "\"}"),
                    ofString()),
                200);
            steps.step(step++, System.nanoTime() - a0);
          }
        });
  }

  Connection[] connections(boolean autoCommit) throws Exception {
    Connection[] db = new Connection[THREADS];
    for (int t = 0; t < THREADS; t++) {
      db[t] = connect();
      db[t].setAutoCommit(autoCommit);
    }
    return db;
  }

  static void close(Connection[] db) throws Exception {
    for (Connection c : db) {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
      c.close();
    }
  }

  /**
   * Reads where the service stands (an earlier failed lifecycle may have left a request open: it is
   * cancelled) and returns whether the next change hands the tech role to the partner.
   */
  boolean resync(Connection c, Token reseller, String base, String name, String partner)
      throws Exception {
    try (PreparedStatement ps = c.prepareStatement(STANDING)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long open = rs.getLong(2);
        if (!rs.wasNull()) {
          http.send(
              signed(reseller, "POST", base + "/1.0/me/task/contactChange/" + open + "/cancel", ""),
              ofString());
          throw new IllegalStateException("request " + open + " was left open; cancelled");
        }
      }
    }
    // the reseller (admin) handing its own tech role to a partner needs both to confirm; taking
    // it back would need only the reseller, so the harness puts it back directly instead
    update(c, PUT_BACK, DataGenerator.reseller(), name, DataGenerator.reseller());
    return true;
  }

  /** The harness's look at a lifecycle service: its tech contact and any open request. */
  static final String STANDING =
      "select s.tech_nic, o.change_id from services s left join open_role_claims o on"
          + " o.service_id = s.id where s.type = 'domain' and s.name = ?";

  /** The harness's reset of a lifecycle service: the tech role back to the reseller. */
  static final String PUT_BACK =
      "update services set tech_nic = ? where type = 'domain' and name = ? and tech_nic <> ?";

  /** The codes emailed for the change set of a task. */
  static Map<String, String> codes(Connection c, long changeId) throws Exception {
    Map<String, String> codes = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select recipient_nic, payload from mail_outbox where change_id = (select set_id"
                + " from contact_changes where id = ?) and kind = 'CHANGE_CODE'")) {
      ps.setLong(1, changeId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Matcher m = CODE.matcher(rs.getString(2));
          if (m.find()) {
            codes.put(rs.getString(1), m.group(1));
          }
        }
      }
    }
    return codes;
  }

  long maxChangeId() throws Exception {
    return count("select coalesce(max(id), 0) from change_sets");
  }

  int[] rowsPerLifecycle(long afterId) throws Exception {
    long done = count("select count(*) from change_sets where id > " + afterId);
    long mails = count("select count(*) from mail_outbox where change_id > " + afterId);
    long audits = count("select count(*) from audit_log where change_id > " + afterId);
    long notDone =
        count("select count(*) from change_sets where id > " + afterId + " and state <> 'done'");
    if (notDone > 0) {
      notes.add(notDone + " API lifecycle requests did not end in done");
    }
    return new int[] {
      (int) Math.round((double) mails / Math.max(1, done)),
      (int) Math.round((double) audits / Math.max(1, done))
    };
  }

  // ---- ceiling (ii): the lifecycle's statements over JDBC -----------------------------------

  /** Ceiling (ii): the lifecycle's statements over JDBC, on {@code db} (not auto-committing). */
  Load.Spec jdbcLifecycles(Connection[] db, int mails, int audits) {
    int perThread = LIFECYCLE_SERVICES / 2 / THREADS;
    String payload =
        "{\"code\":\"ABCD-EFGH\",\"service\":\"life-00000.bench\",\"type\":\"domain\","
            + "\"roles\":[\"tech\"],\"from\":\"bn0000000-ovh\",\"to\":\"bn0000021-ovh\"}";
    return new Load.Spec(
        "db ceiling: same SQL over JDBC",
        List.of("request", "accept 1", "accept 2"),
        (t, i, steps) -> {
          try {
            jdbcLifecycle(db[t], t, i, steps, mails, audits, payload, perThread);
          } catch (Exception e) {
            db[t].rollback();
            throw e;
          }
        });
  }

  void jdbcLifecycle(
      Connection c,
      int t,
      long i,
      Load.StepSink steps,
      int mails,
      int audits,
      String payload,
      int perThread)
      throws Exception {
    String reseller = DataGenerator.reseller();
    int k = (int) (i % perThread);
    String name = DataGenerator.lifecycleService(t * perThread + k);
    String partner = DataGenerator.partner(t % DataGenerator.PARTNERS);
    Timestamp now = Timestamp.from(Instant.now());
    // the API harness's own statements (where the service stands, its tech role put back in a
    // transaction of its own, the codes read from the outbox after the request) run here too, so
    // that both sides of the ratio put the same statements to the database
    query(c, STANDING, name);
    update(c, PUT_BACK, reseller, name, reseller);
    c.commit();
    long s0 = System.nanoTime();
    long serviceId;
    String tech;
    try (PreparedStatement ps =
        c.prepareStatement(
            "select id, type, name, display_name, status, created_at, expires_at,"
                + " admin_nic, tech_nic, billing_nic from services where type = ? and name"
                + " = ?")) {
      ps.setString(1, "domain");
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        serviceId = rs.getLong(1);
      }
    }
    tech = lockService(c, serviceId);
    String from = tech;
    String to = tech.equals(reseller) ? partner : reseller;
    accounts(c, reseller, to);
    query(
        c,
        "select o.service_id, o.role, c.set_id from open_role_claims o join contact_changes c on"
            + " c.id = o.change_id where o.service_id in (?)",
        serviceId);
    long id;
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into change_sets (asking_nic, state, requested_at, expires_at,"
                + " next_reminder_at) values (?, ?, ?, ?, ?)",
            new String[] {"id"})) {
      ps.setString(1, reseller);
      ps.setString(2, "validatingByCustomers");
      ps.setTimestamp(3, now);
      ps.setTimestamp(4, Timestamp.from(now.toInstant().plus(Duration.ofDays(14))));
      ps.setTimestamp(5, Timestamp.from(now.toInstant().plus(Duration.ofDays(7))));
      ps.executeUpdate();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        rs.next();
        id = rs.getLong(1);
      }
    }
    long task;
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into contact_changes (set_id, service_id, roles, from_nic, to_nic) values (?,"
                + " ?, ?, ?, ?) returning id, service_id, from_nic, to_nic")) {
      bind(ps, id, serviceId, "tech", from, to);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        task = rs.getLong(1);
      }
    }
    accounts(c, from, to); // the notifications' recipients
    webhooks(c); // subscriptions of the published event
    new StepInserts()
        .values(
            "set_parties",
            "set_id, nic, status, answered_at, code_digest, code_issued_at, code_used_at,"
                + " failed_attempts, resend_window_at, resends_in_window, replaced_digest",
            List.of(
                new Object[] {
                  id, from, "pending", null, sha256(from + id), now, null, 0, null, 0, null
                },
                new Object[] {
                  id, to, "pending", null, sha256(to + id), now, null, 0, null, 0, null
                }))
        .values(
            "set_members",
            "set_id, nic, can_cancel",
            List.of(new Object[] {id, from, true}, new Object[] {id, to, false}))
        .values(
            "open_role_claims",
            "service_id, role, change_id",
            List.<Object[]>of(new Object[] {serviceId, "tech", task}))
        .mails(now, payload, id, reseller, to, from)
        .audits(now, serviceId, id, "change.requested", "change.validatingByCustomers")
        .securityLine(now, reseller, "change.requested set " + id)
        .run(c);
    c.commit();
    steps.step(0, System.nanoTime() - s0);
    codes(c, task);

    long a1 = System.nanoTime();
    lockChange(c, id);
    consume(c, id, from, now);
    updateChange(c, "validatingByCustomers", null, id);
    webhooks(c);
    query(c, ACCOUNT + " where nic in (?)", to);
    new StepInserts()
        .mails(now, payload, id, from, mails >= 3 ? new String[] {to} : new String[0])
        .audits(now, serviceId, id, "party.accepted")
        .securityLine(now, from, "party.accepted set " + id)
        .run(c);
    c.commit();
    steps.step(1, System.nanoTime() - a1);

    long a2 = System.nanoTime();
    lockChange(c, id);
    consume(c, id, to, now);
    query(
        c,
        "select id, type, name, display_name, status, created_at, expires_at, admin_nic,"
            + " tech_nic, billing_nic from services where id in (?) order by id for update",
        serviceId);
    accounts(c, reseller, to);
    update(
        c, "update services set tech_nic = ? where id = ? and tech_nic = ?", to, serviceId, from);
    updateChange(c, "done", now, id);
    update(
        c,
        "delete from open_role_claims where change_id in (select id from contact_changes where"
            + " set_id = ?)",
        id);
    update(
        c,
        "update set_parties set code_digest = case when code_used_at is null then null else"
            + " code_digest end, replaced_digest = null where set_id = ?",
        id);
    webhooks(c);
    accounts(c, reseller, to);
    String[] ended = new String[Math.max(0, mails - 3)];
    java.util.Arrays.fill(ended, to);
    String[] trail = new String[Math.max(0, audits - 3)];
    java.util.Arrays.fill(trail, "change.done");
    new StepInserts()
        .mails(now, payload, id, "", ended)
        .audits(now, serviceId, id, trail)
        .securityLine(now, to, "party.accepted set " + id)
        .run(c);
    c.commit();
    steps.step(2, System.nanoTime() - a2);
  }

  static String lockService(Connection c, long id) throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select id, type, name, display_name, status, created_at, expires_at, admin_nic,"
                + " tech_nic, billing_nic from services where id = ? for update")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString("tech_nic");
      }
    }
  }

  static final String ACCOUNT =
      "select nic, email, email_verified, first_name, last_name, organisation, language,"
          + " state, debt_cents, debt_currency, created_at from accounts";

  static void accounts(Connection c, String a, String b) throws Exception {
    query(c, ACCOUNT + " where nic in (?, ?)", a, b);
  }

  static void webhooks(Connection c) throws Exception {
    query(c, "select id, url, events, active, created_at from webhooks order by id");
  }

  /**
   * What loading a locked change set costs: its row under the lock, then its items, parties and
   * members in one statement ({@link SetStatements}).
   */
  static void lockChange(Connection c, long id) throws Exception {
    query(
        c,
        "select id, asking_nic, state, requested_at, done_at, expires_at, next_reminder_at,"
            + " reason from change_sets where id in (?) for update",
        id);
    String parts = SetStatements.lockedSetParts();
    query(c, parts, Collections.nCopies(parts.split("\\?", -1).length - 1, id).toArray());
  }

  static void consume(Connection c, long id, String nic, Timestamp now) throws Exception {
    int n =
        update(
            c,
            "update set_parties set status = ?, answered_at = ?, code_used_at = ? where"
                + " set_id = ? and nic = ? and code_digest = ? and code_used_at is null and"
                + " status = 'pending'",
            "accepted",
            now,
            now,
            id,
            nic,
            sha256(nic + id));
    if (n != 1) {
      throw new IllegalStateException("code not consumed");
    }
  }

  static void updateChange(Connection c, String state, Timestamp done, long id) throws Exception {
    update(
        c,
        "update change_sets set state = ?, done_at = ?, next_reminder_at = ?, reason = ?"
            + " where id = ?",
        state,
        done,
        null,
        null,
        id);
  }

  static void query(Connection c, String sql, Object... params) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    }
  }

  static int update(Connection c, String sql, Object... params) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    }
  }

  static void bind(PreparedStatement ps, Object... params) throws Exception {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p == null) {
        ps.setNull(i + 1, java.sql.Types.NULL);
      } else {
        ps.setObject(i + 1, p);
      }
    }
  }

  static String sha256(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  long count(String sql) throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---- HTTP helpers -------------------------------------------------------------------------

  static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  static HttpRequest.Builder get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
  }

  static void expect(HttpResponse<String> r, int status) {
    if (r.statusCode() != status) {
      String body = r.body() == null ? "" : r.body();
      throw new IllegalStateException(
          r.request().method()
              + " "
              + r.uri()
              + " -> "
              + r.statusCode()
              + " "
              + body.substring(0, Math.min(200, body.length())));
    }
  }

  static HttpRequest signed(Token token, String method, String url, String body) throws Exception {
    long ts = Instant.now().getEpochSecond();
    String signature = ApiSignature.of(token.secret(), token.consumer(), method, url, body, ts);
    return get(url)
        .header("X-Ovh-Application", token.appKey())
        .header("X-Ovh-Consumer", token.consumer())
        .header("X-Ovh-Timestamp", Long.toString(ts))
        .header("X-Ovh-Signature", signature)
        .header("Content-Type", "application/json")
        .method(
            method,
            body.isEmpty()
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** Signs in through the form; returns the {@code Cookie} header value of the session. */
  String signIn(String base, String nic) throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String login = browser.send(get(base + "/login").build(), ofString()).body();
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
    if (!csrf.find()) {
      throw new IllegalStateException("no CSRF token on /login");
    }
    HttpResponse<String> r =
        browser.send(
            get(base + "/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "login="
                            + nic
                            + "&password="
                            + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                            + "&_csrf="
                            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                .build(),
            ofString());
    String location = r.headers().firstValue("Location").orElse("");
    if (r.statusCode() != 302 || !location.endsWith("/account/contacts/services")) {
      throw new IllegalStateException("sign-in failed: " + r.statusCode() + " " + location);
    }
    StringBuilder header = new StringBuilder();
    for (HttpCookie c : cookies.getCookieStore().get(URI.create(base))) {
      header.append(header.length() == 0 ? "" : "; ").append(c.getName()).append('=');
      header.append(c.getValue());
    }
    return header.toString();
  }

  Token createToken(String url, String nic) throws Exception {
    String form =
        "nic="
            + nic
            + "&password="
            + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
            + "&applicationName=bench-"
            + nic
            + "&applicationDescription=benchmark&validity=86400";
    HttpResponse<String> r =
        http.send(
            get(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            ofString());
    expect(r, 200);
    return new Token(
        field(r.body(), "applicationKey"),
        field(r.body(), "applicationSecret"),
        field(r.body(), "consumerKey"));
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(1);
  }

  /** Follows the next link from page 1 up to ~1,000 times; returns the last cursor. */
  String deepCursor(String url, String session) throws Exception {
    Pattern next = Pattern.compile("rel=\"next\"[^>]*[?&;]after=([A-Za-z0-9_\\-%]+)");
    String cursor = null;
    int pages = Integer.getInteger("bench.deepPage", 1000);
    int followed = 0;
    long start = System.nanoTime();
    for (int p = 1; p < pages; p++) {
      String body =
          http.send(
                  get(cursor == null ? url : url + "?after=" + cursor)
                      .header("Cookie", session)
                      .build(),
                  ofString())
              .body();
      Matcher m = next.matcher(body);
      if (!m.find()) {
        break;
      }
      cursor = m.group(1);
      followed++;
    }
    String note =
        String.format(
            Locale.ROOT,
            "deep page: page %d (followed %d next links in %.1f s)",
            followed + 1,
            followed,
            (System.nanoTime() - start) / 1e9);
    System.out.println("[bench] " + note);
    notes.add(note);
    if (cursor == null) {
      throw new IllegalStateException("no next link on My services");
    }
    return cursor;
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  // ---- the server under test -----------------------------------------------------------------

  /**
   * Handover in its own JVM ({@code -Xmx256m} unless {@code -Dbench.xmx}) on the benchmark
   * database.
   */
  static final class Server {
    final HandoverProcess process;
    final String base;
    final Thread heapWatch;
    String peakRss = "?";

    private Server(HandoverProcess process, Thread heapWatch) {
      this.process = process;
      this.base = process.base();
      this.heapWatch = heapWatch;
    }

    static Server start(HandoverBenchmark bench, Integer smtpPort, String name) throws Exception {
      List<String> jvm = new ArrayList<>();
      jvm.add("-Xmx" + HEAP);
      jvm.add(
          "-XX:+UseSerialGC".equals(System.getProperty("bench.gc"))
              ? "-XX:+UseSerialGC"
              : "-XX:+UseG1GC");
      if (Boolean.getBoolean("bench.jfr")) {
        // whole stacks (the default keeps 64 frames), so a sample of a deep Thymeleaf render still
        // names the controller it serves
        jvm.add("-XX:FlightRecorderOptions:stackdepth=512");
        jvm.add(
            "-XX:StartFlightRecording=settings=profile,filename="
                + OUT.resolve(name + ".jfr").toAbsolutePath());
      }
      List<String> args = new ArrayList<>();
      args.add("--spring.datasource.url=" + bench.jdbcUrl);
      args.add("--spring.datasource.username=" + bench.dbUser);
      args.add("--spring.datasource.password=" + bench.dbPassword);
      args.add("--handover.demo.enabled=false");
      args.add("--handover.operator.token=" + AccessPhases.OPERATOR_TOKEN);
      // the lifecycle sends each partner hundreds of codes a minute, asked by the reseller: far
      // over the flood limit a stranger's requests meet (20 per 15 minutes), which would hold the
      // codes back; the limit is still asked on every step, as in production
      args.add("--handover.mail.per-recipient.limit=10000");
      args.add("--handover.mail.per-recipient.window=PT1M");
      args.add("--logging.level.root=WARN");
      if (System.getProperty("bench.serverArg") != null) {
        args.add(System.getProperty("bench.serverArg"));
      }
      if (smtpPort != null) {
        args.add("--spring.mail.host=127.0.0.1");
        args.add("--spring.mail.port=" + smtpPort);
      }
      Path log = OUT.resolve(name + ".log");
      Files.deleteIfExists(log);
      HandoverProcess p =
          HandoverProcess.start(OUT.resolve(name), log, jvm, args, Map.of())
              .awaitHealthy(Duration.ofMinutes(3));
      String base = p.base();
      Thread watch =
          new Thread(
              () -> {
                Pattern heap =
                    Pattern.compile("jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} (\\S+)");
                while (!Thread.currentThread().isInterrupted()) {
                  try {
                    String metrics =
                        bench
                            .http
                            .send(get(base + "/actuator/prometheus").build(), ofString())
                            .body();
                    Matcher m = heap.matcher(metrics);
                    long used = 0;
                    while (m.find()) {
                      used += (long) Double.parseDouble(m.group(1));
                    }
                    bench.peakHeap.accumulateAndGet(used, Math::max);
                    Thread.sleep(500);
                  } catch (InterruptedException e) {
                    return;
                  } catch (Exception ignored) {
                    // the server is stopping
                  }
                }
              },
              "heap-watch");
      watch.setDaemon(true);
      watch.start();
      System.out.println("[bench] " + name + " up on " + base + " (-Xmx" + HEAP + ")");
      return new Server(p, watch);
    }

    void stop() throws Exception {
      heapWatch.interrupt();
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
          if (line.startsWith("VmHWM:")) {
            peakRss = line.substring(6).strip();
          }
        }
      } catch (Exception ignored) {
        // not Linux
      }
      process.close();
    }
  }

  // ---- output -------------------------------------------------------------------------------

  record Row(
      String phase,
      long requests,
      long errors,
      double p50,
      double p99,
      double rate,
      double ceiling,
      String unit) {

    static Row of(Load.Result r, Load.Result ceiling, String unit) {
      return new Row(
          r.phase,
          r.requests(),
          r.errors.get(),
          r.latencies.percentileMs(50),
          r.latencies.percentileMs(99),
          r.perSecond(),
          ceiling == null ? Double.NaN : ceiling.perSecond(),
          unit);
    }

    String ratio() {
      return Double.isNaN(ceiling)
          ? ""
          : String.format(Locale.ROOT, "%.0f%%", 100 * rate / ceiling);
    }
  }

  static String num(double d, String f) {
    return Double.isNaN(d) ? "" : String.format(Locale.ROOT, f, d);
  }

  String table(List<Row> rows, DataGenerator.Sizes sizes) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%nHandover benchmark: %,d accounts, %,d services (reseller %,d), %,d requests;"
                + " concurrency %d, %.0f s per phase after %.0f s warm-up, server -Xmx%s,"
                + " %d CPUs%n%n",
            sizes.accounts(),
            sizes.services(),
            sizes.resellerServices(),
            sizes.changes(),
            THREADS,
            SECONDS,
            WARMUP,
            HEAP,
            Runtime.getRuntime().availableProcessors()));
    b.append(
        String.format(
            "| %-52s | %8s | %6s | %8s | %8s | %10s | %10s | %6s |%n",
            "phase", "requests", "errors", "p50 ms", "p99 ms", "rate", "ceiling", "ratio"));
    b.append("|").append("-".repeat(54)).append("|").append("-".repeat(10)).append("|");
    b.append("-".repeat(8)).append("|").append("-".repeat(10)).append("|");
    b.append("-".repeat(10)).append("|").append("-".repeat(12)).append("|");
    b.append("-".repeat(12)).append("|").append("-".repeat(8)).append("|\n");
    for (Row r : rows) {
      b.append(
          String.format(
              "| %-52s | %8d | %6d | %8s | %8s | %10s | %10s | %6s |%n",
              r.phase,
              r.requests,
              r.errors,
              num(r.p50, "%.1f"),
              num(r.p99, "%.1f"),
              num(r.rate, "%.1f"),
              num(r.ceiling, "%.1f"),
              r.ratio()));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%nrates: req/s, lifecycles/s for the lifecycle rows, emails/s for the outbox."
                + " Peak server heap used: %.0f MB (from /actuator/prometheus, every 0.5 s)%n",
            peakHeap.get() / 1e6));
    for (String n : notes) {
      b.append("- ").append(n).append('\n');
    }
    return b.toString();
  }

  String json(List<Row> rows, DataGenerator.Sizes sizes) {
    StringBuilder b = new StringBuilder("{\n");
    b.append(
        String.format(
            Locale.ROOT,
            "  \"sizes\": {\"accounts\": %d, \"services\": %d, \"resellerServices\": %d,"
                + " \"changes\": %d},%n",
            sizes.accounts(),
            sizes.services(),
            sizes.resellerServices(),
            sizes.changes()));
    b.append(
        String.format(
            Locale.ROOT,
            "  \"concurrency\": %d, \"seconds\": %s, \"serverXmx\": \"%s\", \"cpus\": %d,"
                + " \"peakHeapBytes\": %d,%n",
            THREADS,
            SECONDS,
            HEAP,
            Runtime.getRuntime().availableProcessors(),
            peakHeap.get()));
    b.append("  \"phases\": [\n");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      b.append(
          String.format(
              Locale.ROOT,
              "    {\"phase\": \"%s\", \"requests\": %d, \"errors\": %d, \"p50Ms\": %s,"
                  + " \"p99Ms\": %s, \"rate\": %s, \"unit\": \"%s\", \"ceiling\": %s,"
                  + " \"ratio\": %s}%s%n",
              r.phase.strip().replace("\"", "'"),
              r.requests,
              r.errors,
              jsonNum(r.p50),
              jsonNum(r.p99),
              jsonNum(r.rate),
              r.unit,
              jsonNum(r.ceiling),
              Double.isNaN(r.ceiling) ? "null" : jsonNum(r.rate / r.ceiling),
              i == rows.size() - 1 ? "" : ","));
    }
    b.append("  ],\n  \"notes\": [");
    for (int i = 0; i < notes.size(); i++) {
      b.append(i == 0 ? "" : ", ").append('"').append(notes.get(i).replace("\"", "'")).append('"');
    }
    return b.append("]\n}\n").toString();
  }

  static String jsonNum(double d) {
    return Double.isNaN(d) || Double.isInfinite(d) ? "null" : String.format(Locale.ROOT, "%.3f", d);
  }
}
