package org.handover.security.web;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The two pages that list an account's signed-in browsers, its security page and the staff
 * console's account page, name each browser as a person would, in the reader's language; the raw
 * User-Agent a browser sent is never shown.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "handover.demo.enabled=true")
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class SignedInBrowsersPageTest {

  private static final String FIREFOX =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    H2Database.register(registry, "signed-in-browsers");
  }

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private HttpSession signedIn(Nic nic, String userAgent) {
    HttpSession browser = userAgent == null ? new HttpSession() : new HttpSession(userAgent);
    HttpSession.Page login = browser.get(url("/login"));
    HttpSession.Page home =
        browser.submit(login, "/login", "login", nic.value(), "password", Fixtures.PASSWORD);
    assertThat(home.uri().getPath()).isEqualTo("/account/contacts/services");
    return browser;
  }

  @Test
  void theSecurityPageNamesEachBrowserInTheCustomersLanguage() {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    HttpSession firefox = signedIn(nic, FIREFOX);
    signedIn(nic, null);

    String english = firefox.get(url("/account/security?lang=en")).body();
    assertThat(english).contains("Firefox 133 on Windows", "Unknown browser");
    assertThat(english).doesNotContain("Mozilla/5.0", "Gecko/", "Java-http-client");

    String french = firefox.get(url("/account/security?lang=fr")).body();
    assertThat(french).contains("Firefox 133 sous Windows", "Navigateur inconnu");
    assertThat(french).doesNotContain("Mozilla/5.0");
  }

  @Test
  void theConsoleNamesACustomersBrowsersToo() {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    signedIn(nic, FIREFOX);
    HttpSession agent = new HttpSession();
    HttpSession.Page login = agent.get(url("/operator/console/login"));
    agent.submit(
        login,
        "/operator/console/login",
        "username",
        "demo-viewer",
        "password",
        "handover-demo"); // the demo staff accounts' password

    String page = agent.get(url("/operator/console/accounts/" + nic.value() + "?lang=de")).body();
    assertThat(page).contains("Firefox 133 unter Windows").doesNotContain("Mozilla/5.0");
  }
}
