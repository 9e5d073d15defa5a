package org.handover.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.handover.audit.AuditEntry;
import org.handover.audit.AuditLog;
import org.handover.support.Fixtures;
import org.handover.support.H2Database;
import org.handover.support.HttpSession;
import org.handover.support.TestClockConfiguration;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sessions through real HTTP and the session store: an agent sees a customer's panel sessions in
 * the console and ends one (its cookie stops working, the audit log names the agent); signing out
 * of the console ends the whole HTTP session, so its old cookie opens nothing afterwards.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "handover.demo.enabled=true")
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class ConsoleSessionsTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    H2Database.register(registry, "console-sessions");
  }

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired AuditLog audit;

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private HttpSession customer(Nic nic) {
    HttpSession browser = new HttpSession();
    HttpSession.Page login = browser.get(url("/login"));
    HttpSession.Page home =
        browser.submit(login, "/login", "login", nic.value(), "password", Fixtures.PASSWORD);
    assertThat(home.uri().getPath()).isEqualTo("/account/contacts/services");
    return browser;
  }

  private HttpSession.Page staffSignIn(HttpSession browser, String who) {
    HttpSession.Page login = browser.get(url("/operator/console/login"));
    HttpSession.Page home =
        browser.submit(
            login,
            "/operator/console/login",
            "username",
            who,
            "password",
            StaffSecurity.DEMO_PASSWORD);
    assertThat(home.uri().getPath()).isEqualTo("/operator/console");
    return home;
  }

  /** A GET with only this session cookie, following no redirect: the status and where it points. */
  private String withOnlyCookie(String sessionId, String path) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url(path)))
                    .header("Cookie", "SESSION=" + sessionId)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return answer.statusCode() + " " + answer.headers().firstValue("Location").orElse("");
  }

  @Test
  void anAgentSeesACustomersSessionsAndEndsOne() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    HttpSession first = customer(nic);
    HttpSession second = customer(nic);
    String firstCookie = first.cookie("SESSION");
    assertThat(withOnlyCookie(firstCookie, "/account/contacts/services")).startsWith("200");

    HttpSession agent = new HttpSession();
    staffSignIn(agent, "demo-agent");
    HttpSession.Page account = agent.get(url("/operator/console/accounts/" + nic.value()));
    assertThat(account.body()).contains("id=\"account-sessions\"");
    List<String> handles =
        java.util.regex.Pattern.compile("data-session=\"([0-9a-f]+)\"")
            .matcher(account.body())
            .results()
            .map(m -> m.group(1))
            .toList();
    assertThat(handles).hasSize(2);
    // the browser by name (the JDK's client is none a person knows), never its raw User-Agent
    assertThat(account.body()).contains("Unknown browser", "127.0.0.1");
    assertThat(account.body()).doesNotContain("Java-http-client");

    // end every listed session one by one: both browsers are signed out
    for (String handle : handles) {
      account =
          agent.submit(
              account,
              "/operator/console/accounts/" + nic.value() + "/sessions/" + handle + "/end");
      assertThat(account.body()).contains("The session is ended");
    }
    assertThat(account.body()).contains("id=\"no-sessions\"");
    assertThat(withOnlyCookie(firstCookie, "/account/contacts/services"))
        .startsWith("302")
        .endsWith("/login");
    assertThat(second.get(url("/account/contacts/services")).uri().getPath()).isEqualTo("/login");
    List<AuditEntry> rows = audit.search(null, null, null, null, 0, 50);
    assertThat(rows)
        .filteredOn(e -> e.action().equals("staff.session.ended"))
        .filteredOn(e -> e.detail().contains("account=" + nic.value()))
        .hasSize(2)
        .allMatch(e -> e.actor().equals("staff:demo-agent"));

    // an unknown handle changes nothing and says so
    HttpSession.Page again =
        agent.submit(account, "/operator/console/accounts/" + nic.value() + "/sessions/abc123/end");
    assertThat(again.body()).contains("No such signed-in browser");
  }

  @Test
  void aViewerSeesSessionsButCannotEndThem() {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    HttpSession browser = customer(nic);
    HttpSession viewer = new HttpSession();
    staffSignIn(viewer, "demo-viewer");
    HttpSession.Page account = viewer.get(url("/operator/console/accounts/" + nic.value()));
    assertThat(account.body()).contains("data-session=").doesNotContain("/sessions/");
    String handle =
        java.util.regex.Pattern.compile("data-session=\"([0-9a-f]+)\"")
            .matcher(account.body())
            .results()
            .findFirst()
            .orElseThrow()
            .group(1);
    HttpSession.Page refused =
        viewer.submit(
            account, "/operator/console/accounts/" + nic.value() + "/sessions/" + handle + "/end");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(browser.get(url("/account/contacts/services")).uri().getPath())
        .isEqualTo("/account/contacts/services");
  }

  @Test
  void signingOutOfTheConsoleEndsTheWholeSession() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    HttpSession browser = customer(nic);
    HttpSession.Page home = staffSignIn(browser, "demo-agent");
    String cookie = browser.cookie("SESSION");
    assertThat(withOnlyCookie(cookie, "/operator/console")).startsWith("200");
    assertThat(withOnlyCookie(cookie, "/account/contacts/services")).startsWith("200");

    HttpSession.Page out = browser.submit(home, "/operator/console/logout");
    assertThat(out.uri().getPath()).isEqualTo("/operator/console/login");

    assertThat(withOnlyCookie(cookie, "/operator/console"))
        .startsWith("302")
        .endsWith("/operator/console/login");
    assertThat(withOnlyCookie(cookie, "/account/contacts/services"))
        .startsWith("302")
        .endsWith("/login");
    assertThat(browser.get(url("/operator/console")).uri().getPath())
        .isEqualTo("/operator/console/login");
  }
}
