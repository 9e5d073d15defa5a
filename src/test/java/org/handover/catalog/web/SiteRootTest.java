package org.handover.catalog.web;

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
 * The site root leads to the customer's contacts, signed in or not, and signing in leaves the
 * address of the page itself in the address bar (no {@code ?continue}). Through real HTTP and the
 * session store, as a browser does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class SiteRootTest {

  private static final String CONTACTS = "/account/contacts/services";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    H2Database.register(registry, "site-root");
  }

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private HttpSession.Page signIn(HttpSession browser, HttpSession.Page form, Nic nic) {
    return browser.submit(form, "/login", "login", nic.value(), "password", Fixtures.PASSWORD);
  }

  @Test
  void signingInFromTheRootLandsOnTheContactsWithACleanAddress() {
    Nic me = fixtures.accountThatSignsIn(Language.en);
    HttpSession browser = new HttpSession();
    HttpSession.Page form = browser.get(url("/"));
    assertThat(form.uri().getPath()).isEqualTo("/login");
    HttpSession.Page home = signIn(browser, form, me);
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.uri().getPath()).isEqualTo(CONTACTS);
    assertThat(home.uri().getQuery()).isNull();
  }

  @Test
  void theRootLeadsASignedInCustomerToTheirContacts() {
    Nic me = fixtures.accountThatSignsIn(Language.en);
    HttpSession browser = new HttpSession();
    signIn(browser, browser.get(url("/login")), me);
    HttpSession.Page root = browser.get(url("/"));
    assertThat(root.status()).isEqualTo(200);
    assertThat(root.uri().getPath()).isEqualTo(CONTACTS);
  }

  @Test
  void aPageAskedForBeforeSigningInIsReturnedToWithoutAContinueMarker() {
    Nic me = fixtures.accountThatSignsIn(Language.en);
    HttpSession browser = new HttpSession();
    HttpSession.Page form = browser.get(url("/account/profile"));
    HttpSession.Page profile = signIn(browser, form, me);
    assertThat(profile.status()).isEqualTo(200);
    assertThat(profile.uri().getPath()).isEqualTo("/account/profile");
    assertThat(profile.uri().getQuery()).isNull();
  }

  @Test
  void aFailedSignInKeepsTheCustomerIdTyped() {
    Nic me = fixtures.accountThatSignsIn(Language.en);
    HttpSession browser = new HttpSession();
    HttpSession.Page form = browser.get(url("/login"));
    HttpSession.Page again =
        browser.submit(form, "/login", "login", me.value(), "password", "not the password");
    assertThat(again.uri().getQuery()).isEqualTo("error");
    assertThat(again.body()).contains("value=\"" + me.value() + "\"");
  }
}
