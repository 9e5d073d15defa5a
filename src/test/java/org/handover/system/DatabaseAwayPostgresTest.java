package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.handover.support.EmbeddedPostgresDatabase;
import org.handover.support.HandoverCalls;
import org.handover.support.HandoverCalls.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The database goes away under a running server (its connections are cut and it accepts no new
 * ones, as during a failover): every edge answers 503 with {@code Retry-After} and changes nothing
 * (the operator API and the customer API in the reference error shape, the panel with a page that
 * keeps the form but never the password), and a read that starts while it is away is answered once
 * it is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(DatabaseAwayPostgresTest.AwayBeforeRender.class)
class DatabaseAwayPostgresTest {

  /**
   * With the form field {@code awayBeforeRender}, the database goes away after the controller did
   * its work and before the page is rendered, with the web session holding a change to save: the
   * moment, seen in FailoverIT, when only the session's save is left to fail.
   */
  @TestConfiguration
  static class AwayBeforeRender implements WebMvcConfigurer {
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
      registry.addInterceptor(
          new HandlerInterceptor() {
            @Override
            public void postHandle(
                HttpServletRequest request,
                HttpServletResponse response,
                Object handler,
                ModelAndView page)
                throws Exception {
              if (request.getParameter("awayBeforeRender") != null) {
                request.getSession().setAttribute("awayBeforeRender", System.nanoTime());
                away();
              }
            }
          });
    }
  }

  private static final String DATABASE = "database_away";
  private static final String TOKEN = "test-operator-token";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, DATABASE);
    registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
  }

  @LocalServerPort int port;
  @Autowired JdbcClient db;

  private HandoverCalls calls() {
    return new HandoverCalls("http://localhost:" + port);
  }

  /** Cuts every connection to the database and refuses new ones. */
  private static void away() throws Exception {
    try (Connection c = EmbeddedPostgresDatabase.server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("alter database " + DATABASE + " allow_connections false");
      s.execute(
          "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
              + DATABASE
              + "'");
    }
  }

  /** Accepts connections again, and waits until the application's pool has one. */
  @AfterEach
  void back() throws Exception {
    try (Connection c = EmbeddedPostgresDatabase.server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("alter database " + DATABASE + " allow_connections true");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        db.sql("select 1").query(Integer.class).single();
        return;
      } catch (DataAccessException stillAway) {
        if (System.nanoTime() > deadline) {
          throw stillAway;
        }
        Thread.sleep(100);
      }
    }
  }

  private long accountsWith(String email) {
    return db.sql("select count(*) from accounts where email = ?")
        .param(email)
        .query(Long.class)
        .single();
  }

  @Test
  void theOperatorApiAnswers503InTheApiShapeAndCreatesNothing() throws Exception {
    String body =
        "{\"email\":\"away@example.net\",\"firstName\":\"Away\",\"lastName\":\"Test\","
            + "\"language\":\"en\",\"password\":\"a long enough password\"}";
    away();
    Answer refused = calls().operator(TOKEN, "POST", "/operator/v1/accounts", body);
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.retryAfter()).isEqualTo("5");
    assertThat(refused.json().path("class").asString()).isEqualTo("Server::ServiceUnavailable");
    assertThat(refused.json().path("message").asString()).contains("nothing was changed");
    back();
    assertThat(accountsWith("away@example.net")).as("nothing half-applied").isZero();
    assertThat(calls().operator(TOKEN, "POST", "/operator/v1/accounts", body).status())
        .as("the same call once the database is back")
        .isEqualTo(201);
  }

  @Test
  void aSignedCallWhoseKeyCannotBeCheckedAnswers503InTheApiShape() throws Exception {
    away();
    Answer refused =
        calls()
            .signed(
                new HandoverCalls.Api("aa100001-ovh", "unknownkey0123456", "secret", "ck"),
                "GET",
                "/1.0/me",
                null);
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.retryAfter()).isEqualTo("5");
    assertThat(refused.json().path("class").asString()).isEqualTo("Server::ServiceUnavailable");
  }

  @Test
  void thePanelAnswersAPageThatKeepsTheFormButNotThePassword() throws Exception {
    HandoverCalls calls = calls();
    var browser = calls.browser();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", calls.csrf(browser, "/signup"));
    form.put("email", "panel-away@example.net");
    form.put("firstName", "Panel");
    form.put("lastName", "Away");
    form.put("organisation", "");
    form.put("language", "en");
    form.put("password", "a secret long password");
    form.put("passwordAgain", "a secret long password");
    away();
    Answer page = calls.form(browser, "/signup", form);
    assertThat(page.status()).isEqualTo(503);
    assertThat(page.retryAfter()).isEqualTo("5");
    assertThat(page.body())
        .contains("Try again in a moment")
        .contains("value=\"panel-away@example.net\"")
        .contains("action=\"/signup\"")
        .contains("type=\"password\"")
        .doesNotContain("a secret long password");
    back();
    assertThat(accountsWith("panel-away@example.net")).isZero();
  }

  /** An account made through the operator API; its path there. */
  private String anAccount(String email) {
    Answer made =
        calls()
            .operator(
                TOKEN,
                "POST",
                "/operator/v1/accounts",
                "{\"email\":\""
                    + email
                    + "\",\"firstName\":\"Read\",\"lastName\":\"Er\",\"language\":\"en\","
                    + "\"password\":\"a long enough password\"}");
    assertThat(made.status()).isEqualTo(201);
    return "/operator/v1/accounts/" + made.json().path("nic").asString();
  }

  @Test
  void aReadThatStartsWhileTheDatabaseIsAwayIsAnsweredOnceItIsBack() throws Exception {
    String account = anAccount("reader-back@example.net");
    away();
    CompletableFuture<Answer> read =
        CompletableFuture.supplyAsync(() -> calls().operator(TOKEN, "GET", account, null));
    Thread.sleep(700);
    back();
    assertThat(read.get().status()).as("the read ran again on the database").isEqualTo(200);
  }

  /**
   * The application was made and its page built when the web session could not be saved: the person
   * gets that page whole (with the secret shown only once), not a 503 that would say nothing was
   * changed, nor an answer cut off in the middle.
   */
  @Test
  void aPageWhoseWorkIsDoneIsAnsweredWholeWhenOnlyTheSessionCannotBeSaved() throws Exception {
    String nic = anAccount("session-away@example.net").replaceAll(".*/", "");
    HandoverCalls calls = calls();
    var browser = calls.browser();
    calls.signIn(browser, nic, "a long enough password");
    String csrf = calls.csrf(browser, "/account/api/applications");
    Answer page =
        calls.form(
            browser,
            "/account/api/applications",
            Map.of("_csrf", csrf, "name", "made-while-away", "awayBeforeRender", "yes"));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("made-while-away").contains("</html>");
    back();
    assertThat(
            db.sql("select count(*) from api_applications where owner_nic = ? and name = ?")
                .params(nic, "made-while-away")
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aReadWhileTheDatabaseStaysAwayAnswers503NotA500() throws Exception {
    String account = anAccount("reader-away@example.net");
    away();
    Answer read = calls().operator(TOKEN, "GET", account, null);
    assertThat(read.status()).isEqualTo(503);
    assertThat(read.retryAfter()).isEqualTo("5");
  }
}
