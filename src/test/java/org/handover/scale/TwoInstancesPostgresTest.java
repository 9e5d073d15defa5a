package org.handover.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.tech;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.HandoverApplication;
import org.handover.account.Account;
import org.handover.account.AccountAdministration;
import org.handover.account.AccountOpening;
import org.handover.account.NewAccount;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.NewService;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeSet;
import org.handover.change.ChangeState;
import org.handover.contact.Contacts;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.mail.OutboxMessage;
import org.handover.security.WebSessions;
import org.handover.support.ChangeUseCases;
import org.handover.support.EmbeddedPostgresDatabase;
import org.handover.support.SmtpServer;
import org.handover.system.Actor;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two complete Handover instances on one PostgreSQL, each with its mail dispatcher and its expiry
 * job running: sessions work across instances, and concurrent workflows through both send every
 * email exactly once, apply every change exactly once, and expire every request exactly once.
 */
class TwoInstancesPostgresTest {

  static final String PASSWORD = "two instances password";
  static GreenMail smtp;
  static ConfigurableApplicationContext one;
  static ConfigurableApplicationContext two;

  @BeforeAll
  static void start() throws Exception {
    int smtpPort = SmtpServer.freePort();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    var pg = EmbeddedPostgresDatabase.server();
    try (var c = pg.getPostgresDatabase().getConnection();
        var s = c.createStatement()) {
      s.execute("drop database if exists twoinstances");
      s.execute("create database twoinstances");
    }
    Map<String, Object> props = new HashMap<>();
    props.put("server.port", 0);
    props.put("spring.datasource.url", pg.getJdbcUrl("postgres", "twoinstances"));
    props.put("spring.datasource.username", "postgres");
    props.put("spring.datasource.password", "");
    props.put("spring.mail.host", "127.0.0.1");
    props.put("spring.mail.port", smtpPort);
    props.put("handover.demo.enabled", false);
    props.put("handover.mail.poll-interval", "PT0.2S");
    props.put("handover.change.job-interval", "PT0.3S");
    props.put("handover.change.expiry", "PT4S");
    props.put("handover.change.reminders", "PT2S");
    props.put("logging.level.root", "WARN");
    String[] args =
        props.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    one = new SpringApplicationBuilder(HandoverApplication.class).run(args);
    two = new SpringApplicationBuilder(HandoverApplication.class).run(args);
  }

  @AfterAll
  static void stop() {
    if (one != null) {
      one.close();
    }
    if (two != null) {
      two.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  static String base(ConfigurableApplicationContext ctx) {
    return "http://localhost:" + ((WebServerApplicationContext) ctx).getWebServer().getPort();
  }

  static Nic account(String tag) {
    Nic nic = new Nic("tw" + (1_000_000 + (System.nanoTime() % 8_000_000)) + "-ovh");
    one.getBean(AccountOpening.class)
        .open(
            new NewAccount(
                nic, tag + "-" + nic + "@example.org", "Two", tag, null, Language.en, PASSWORD),
            Actor.system());
    return nic;
  }

  static HostedService domain(Nic admin) {
    String name = "two-" + System.nanoTime() + ".example";
    return one.getBean(HostedServices.class)
        .register(
            new NewService(
                ServiceType.domain,
                name,
                name,
                HostedService.Status.ok,
                null,
                Contacts.allTo(admin),
                null),
            Actor.system());
  }

  static String code(long changeId, Nic nic) {
    return one.getBean(Outbox.class).forChange(changeId).stream()
        .filter(m -> nic.value().equals(m.recipientNic()) && m.kind() == MailKind.CHANGE_CODE)
        .map(m -> (String) m.payload().get("code"))
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  /** A browser signed in as the account on instance {@code on}; its cookie is for both. */
  static HttpClient signedIn(Nic nic, ConfigurableApplicationContext on) throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String login =
        browser
            .send(
                HttpRequest.newBuilder(URI.create(base(on) + "/login")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> signedIn =
        browser.send(
            HttpRequest.newBuilder(URI.create(base(on) + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "login="
                            + nic
                            + "&password="
                            + PASSWORD.replace(" ", "+")
                            + "&_csrf="
                            + csrf.group(1)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/account/contacts/services"));
    return browser;
  }

  static HttpResponse<String> profile(HttpClient browser, ConfigurableApplicationContext on)
      throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create(base(on) + "/account/profile")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aSessionStartedOnOneInstanceContinuesOnTheOther() throws Exception {
    Nic nic = account("session");
    HttpClient browser = signedIn(nic, one);

    // the session cookie is for "localhost": the same browser now talks to the other instance
    HttpResponse<String> elsewhere = profile(browser, two);
    assertThat(elsewhere.statusCode()).isEqualTo(200);
    assertThat(elsewhere.body()).contains(nic.value());
    assertThat(
            one.getBean(JdbcClient.class)
                .sql("select count(*) from spring_session where principal_name = ?")
                .param(nic.value())
                .query(Long.class)
                .single())
        .isEqualTo(1L);
  }

  @Test
  void aSuspensionOnOneInstanceRefusesTheNextRequestOnTheOther() throws Exception {
    Nic nic = account("suspended");
    HttpClient browser = signedIn(nic, one);
    // both instances now keep the session in memory
    assertThat(profile(browser, two).statusCode()).isEqualTo(200);
    assertThat(profile(browser, one).statusCode()).isEqualTo(200);
    assertThat(profile(browser, two).statusCode()).isEqualTo(200);

    long suspended = System.nanoTime();
    one.getBean(AccountAdministration.class).setState(nic, Account.State.suspended, Actor.system());
    HttpResponse<String> next = profile(browser, two);

    assertThat(next.statusCode()).isEqualTo(302);
    assertThat(next.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    assertThat(System.nanoTime() - suspended).isLessThan(TimeUnit.SECONDS.toNanos(1));
  }

  @Test
  void sessionsEndedByStaffOrEverywhereOnOneInstanceEndOnTheOtherAtOnce() throws Exception {
    Nic nic = account("ended");
    HttpClient laptop = signedIn(nic, one);
    HttpClient phone = signedIn(nic, two);
    for (var on : List.of(one, two, one, two)) {
      assertThat(profile(laptop, on).statusCode()).isEqualTo(200);
      assertThat(profile(phone, on).statusCode()).isEqualTo(200);
    }

    // staff end one of the two sessions through instance two; both were kept by instance one
    List<WebSessions.View> listed = two.getBean(WebSessions.class).list(nic, null);
    assertThat(listed).hasSize(2);
    two.getBean(WebSessions.class)
        .end(
            nic, listed.get(0).handle(), Actor.staff("staff:two-instances", "two-instances", null));
    int stillIn = 0;
    for (HttpClient b : List.of(laptop, phone)) {
      if (profile(b, one).statusCode() == 200) {
        stillIn++;
      }
    }
    assertThat(stillIn).isEqualTo(1);

    // "sign out everywhere" through instance two: the other is out on instance one at once
    two.getBean(AccountAdministration.class).endSessions(nic, Actor.system());
    assertThat(profile(laptop, one).statusCode()).isEqualTo(302);
    assertThat(profile(phone, one).statusCode()).isEqualTo(302);
  }

  @Test
  void concurrentWorkflowsThroughBothInstancesSendEachEmailOnceAndApplyEachChangeOnce()
      throws Exception {
    int workflows = 16;
    List<Nic> admins = new ArrayList<>();
    List<Nic> techs = new ArrayList<>();
    List<HostedService> services = new ArrayList<>();
    for (int i = 0; i < workflows; i++) {
      Nic a = account("admin" + i);
      admins.add(a);
      techs.add(account("tech" + i));
      services.add(domain(a));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Long>> done = new ArrayList<>();
    for (int i = 0; i < workflows; i++) {
      int n = i;
      done.add(
          pool.submit(
              () -> {
                ChangeUseCases first = ChangeUseCases.of(n % 2 == 0 ? one : two);
                ChangeUseCases second = ChangeUseCases.of(n % 2 == 0 ? two : one);
                Nic a = admins.get(n);
                Nic x = techs.get(n);
                ChangeSet c =
                    first
                        .request(
                            Actor.customer(a, null),
                            ServiceType.domain,
                            services.get(n).name(),
                            Map.of(tech, x))
                        .orElseThrow();
                String codeA = code(c.id(), a);
                String codeX = code(c.id(), x);
                Future<?> ax =
                    Executors.newSingleThreadExecutor()
                        .submit(() -> second.accept(Actor.customer(x, null), c.id(), codeX));
                first.accept(Actor.customer(a, null), c.id(), codeA);
                ax.get(30, TimeUnit.SECONDS);
                return c.id();
              }));
    }
    List<Long> ids = new ArrayList<>();
    for (Future<Long> f : done) {
      ids.add(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();

    JdbcClient jdbc = one.getBean(JdbcClient.class);
    awaitOutboxDrained(jdbc);
    for (int i = 0; i < workflows; i++) {
      long id = ids.get(i);
      assertThat(ChangeUseCases.of(one).find(id).orElseThrow().state()).isEqualTo(ChangeState.done);
      assertThat(
              jdbc.sql(
                      "select count(*) from audit_log where change_id = ? and action = 'change.done'")
                  .param(id)
                  .query(Long.class)
                  .single())
          .isEqualTo(1L);
      assertThat(
              one.getBean(HostedServices.class)
                  .find(services.get(i).id())
                  .orElseThrow()
                  .contacts()
                  .tech())
          .isEqualTo(techs.get(i));
    }
    assertEachEmailSentOnce(jdbc);
  }

  @Test
  void bothInstancesRunExpiryAndEachRequestExpiresOnce() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Nic a = account("exp" + i);
      Nic x = account("expx" + i);
      ids.add(
          ChangeUseCases.of(i % 2 == 0 ? one : two)
              .request(
                  Actor.customer(a, null), ServiceType.domain, domain(a).name(), Map.of(tech, x))
              .orElseThrow()
              .id());
    }
    JdbcClient jdbc = one.getBean(JdbcClient.class);
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline
        && jdbc.sql("select count(*) from change_sets where id in (:ids) and state = 'expired'")
                .param("ids", ids)
                .query(Long.class)
                .single()
            < ids.size()) {
      Thread.sleep(200);
    }
    awaitOutboxDrained(jdbc);
    for (long id : ids) {
      assertThat(
              jdbc.sql(
                      "select count(*) from audit_log where change_id = ? and action = 'change.expired'")
                  .param(id)
                  .query(Long.class)
                  .single())
          .isEqualTo(1L);
      assertThat(
              jdbc.sql(
                      "select count(*) from mail_outbox where change_id = ? and kind = 'CHANGE_EXPIRED'")
                  .param(id)
                  .query(Long.class)
                  .single())
          .isEqualTo(2L);
      assertThat(
              jdbc.sql(
                      "select count(*) from mail_outbox where change_id = ? and kind = 'CHANGE_REMINDER'")
                  .param(id)
                  .query(Long.class)
                  .single())
          .isEqualTo(2L);
    }
    assertEachEmailSentOnce(jdbc);
  }

  private static void awaitOutboxDrained(JdbcClient jdbc) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline
        && jdbc.sql("select count(*) from mail_outbox where status = 'pending'")
                .query(Long.class)
                .single()
            > 0) {
      Thread.sleep(200);
    }
  }

  private static void assertEachEmailSentOnce(JdbcClient jdbc) throws Exception {
    List<OutboxMessage> all = one.getBean(Outbox.class).newest(0, 100_000);
    assertThat(all).allMatch(m -> m.status().equals("sent"));
    MimeMessage[] received = smtp.getReceivedMessages();
    Set<String> ids = new HashSet<>();
    for (MimeMessage m : received) {
      assertThat(ids.add(m.getMessageID())).as("delivered twice: %s", m.getMessageID()).isTrue();
    }
    Set<String> expected = new HashSet<>();
    for (OutboxMessage m : all) {
      expected.add("<handover." + m.id() + "@handover.localhost>");
    }
    assertThat(ids).isEqualTo(expected);
  }
}
