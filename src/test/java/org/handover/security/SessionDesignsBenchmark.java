package org.handover.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.sql.DataSource;
import org.handover.HandoverApplication;
import org.handover.account.AccountOpening;
import org.handover.account.NewAccount;
import org.handover.support.EmbeddedPostgresDatabase;
import org.handover.support.HttpSession;
import org.handover.system.Actor;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-request cost of reading a signed-in state, three ways, on embedded PostgreSQL with a real
 * signed-in session: (1) the JDBC session store as before (the row and its attributes, the security
 * context deserialised), (2) the near cache ({@link NearSessions}: one short read of the row's
 * presence and counter), (3) the security context in an encrypted cookie (AES-GCM open and
 * deserialise, plus a read of the principal's counter by primary key for revocation). Alternating
 * rounds; wall and thread CPU time per read, and the cookie's size. Not part of the suite: {@code
 * ./mvnw -Pbench test -Dtest=SessionDesignsBenchmark}.
 */
class SessionDesignsBenchmark {

  static final String PASSWORD = "session designs password";
  static final int READS = Integer.getInteger("bench.sessionReads", 5_000);
  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Test
  void run() throws Exception {
    var pg = EmbeddedPostgresDatabase.server();
    try (var c = pg.getPostgresDatabase().getConnection();
        var s = c.createStatement()) {
      s.execute("drop database if exists sessiondesigns");
      s.execute("create database sessiondesigns");
    }
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(HandoverApplication.class)
            .run(
                "--spring.datasource.url=" + pg.getJdbcUrl("postgres", "sessiondesigns"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--server.port=0",
                "--handover.demo.enabled=false",
                "--logging.level.root=WARN")) {
      measure(app);
    }
  }

  private void measure(ConfigurableApplicationContext app) throws Exception {
    Nic nic = new Nic("sd" + (1_000_000 + System.nanoTime() % 8_000_000) + "-ovh");
    app.getBean(AccountOpening.class)
        .open(
            new NewAccount(
                nic, nic + "@example.org", "Session", "Designs", null, Language.en, PASSWORD),
            Actor.system());
    String base =
        "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    HttpSession browser = new HttpSession();
    browser.submit(
        browser.get(base + "/login"), base + "/login", "login", nic.value(), "password", PASSWORD);
    browser.get(base + "/account/profile"); // the CSRF token is written
    String id =
        app.getBean(JdbcClient.class)
            .sql("select session_id from spring_session where principal_name = ?")
            .param(nic.value())
            .query(String.class)
            .single()
            .strip();
    FindByIndexNameSessionRepository<? extends Session> store =
        new JdbcIndexedSessionRepository(
            new JdbcTemplate(app.getBean(DataSource.class)),
            new TransactionTemplate(app.getBean(PlatformTransactionManager.class)));
    SessionEpochRepository epochs = app.getBean(SessionEpochRepository.class);
    JdbcClient counter = app.getBean(JdbcClient.class);
    var near =
        new NearSessions<>(store, epochs, new SessionCacheSettings(10_000, Duration.ofMinutes(5)));
    SecurityContext context = store.findById(id).getAttribute("SPRING_SECURITY_CONTEXT");
    byte[] serialized = serialize(context);
    SecretKey key = KeyGenerator.getInstance("AES").generateKey();
    byte[] sealed = seal(key, serialized);
    String cookie = Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    System.out.printf(
        Locale.ROOT,
        "[sessions] security context: %d bytes serialised, cookie value %d characters%n",
        serialized.length,
        cookie.length());

    Supplier<Object> jdbc = () -> store.findById(id).getAttribute("SPRING_SECURITY_CONTEXT");
    Supplier<Object> cached = () -> near.findById(id).getAttribute("SPRING_SECURITY_CONTEXT");
    Supplier<Object> inCookie =
        () -> {
          Object opened = deserialize(open(key, Base64.getUrlDecoder().decode(cookie)));
          counter
              .sql("select epoch from session_epochs where principal = ?")
              .param(nic.value())
              .query(Long.class)
              .optional();
          return opened;
        };
    String[] names = {"JDBC session store (before)", "near cache + counter", "cookie + counter"};
    @SuppressWarnings("unchecked")
    Supplier<Object>[] designs = new Supplier[] {jdbc, cached, inCookie};
    long[][] totals = new long[3][2];
    for (int round = 0; round < 6; round++) {
      for (int d = 0; d < 3; d++) {
        long[] took = time(designs[d]);
        if (round > 0) { // the first round warms up
          totals[d][0] += took[0];
          totals[d][1] += took[1];
        }
      }
    }
    for (int d = 0; d < 3; d++) {
      System.out.printf(
          Locale.ROOT,
          "[sessions] %-28s %7.1f µs wall, %7.1f µs CPU per read%n",
          names[d],
          totals[d][0] / 1e3 / (5.0 * READS),
          totals[d][1] / 1e3 / (5.0 * READS));
    }
  }

  private static long[] time(Supplier<Object> read) {
    long wall = System.nanoTime();
    long cpu = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < READS; i++) {
      if (read.get() == null) {
        throw new IllegalStateException("no security context read");
      }
    }
    return new long[] {System.nanoTime() - wall, THREADS.getCurrentThreadCpuTime() - cpu};
  }

  private static byte[] serialize(Object value) throws Exception {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  private static Object deserialize(byte[] bytes) {
    try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] seal(SecretKey key, byte[] plain) throws Exception {
    byte[] iv = new byte[12];
    new SecureRandom().nextBytes(iv);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
    byte[] body = cipher.doFinal(plain);
    byte[] sealed = new byte[12 + body.length];
    System.arraycopy(iv, 0, sealed, 0, 12);
    System.arraycopy(body, 0, sealed, 12, body.length);
    return sealed;
  }

  private static byte[] open(SecretKey key, byte[] sealed) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
      return cipher.doFinal(sealed, 12, sealed.length - 12);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
