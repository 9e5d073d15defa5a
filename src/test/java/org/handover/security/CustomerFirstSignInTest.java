package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.security.CustomerSignInTest.person;
import static org.handover.security.CustomerSignInTest.signIn;

import java.util.Map;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.mail.MailKind;
import org.handover.support.Fixtures;
import org.handover.support.HttpSession;
import org.handover.support.TestClockConfiguration;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import testidp.TestIdentityProvider;

/**
 * {@code handover.customers.sign-in=both} with {@code create-on-first-sign-in=true}: the sign-in
 * page offers Handover's password and the provider; a person the provider vouches for (verified
 * email) and whom no account names gets one, confirmed, with a new customer ID and the welcome
 * email, and signs in to the same account next time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class CustomerFirstSignInTest {

  static final TestIdentityProvider IDP = TestIdentityProvider.start();

  @DynamicPropertySource
  static void identityProvider(DynamicPropertyRegistry registry) {
    CustomerProviderSettings.register(registry, IDP, "both", true);
  }

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired Accounts accounts;
  @Autowired SecurityLog log;

  @BeforeEach
  void allowRedirects() {
    IDP.allowRedirect(url("/login/oauth2/code/customer"));
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  @Test
  void theSignInPageOffersThePasswordAndTheProvider() {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    var browser = new HttpSession();
    HttpSession.Page login = browser.get(url("/login"));
    assertThat(login.uri().getPath()).isEqualTo("/login");
    assertThat(login.body()).contains("provider-sign-in").contains("name=\"password\"");
    HttpSession.Page services =
        browser.submit(login, "/login", "login", nic.value(), "password", Fixtures.PASSWORD);
    assertThat(services.uri().getPath()).isEqualTo("/account/contacts/services");
    assertThat(log.page(nic, null).entries())
        .anySatisfy(e -> assertThat(e.method()).isEqualTo("password"));
  }

  @Test
  void aFirstSignInOpensAConfirmedAccountFromTheClaimsAndWelcomesIt() {
    String email = "newcomer-" + System.nanoTime() + "@example.org";
    long before = accounts.count();
    String who =
        person(
            null,
            email,
            Map.of("given_name", "Chiara", "family_name", "Bianchi", "locale", "it-IT"));
    var browser = new HttpSession();
    browser.get(url("/login"));
    HttpSession.Page services = signIn(browser, url("/oauth2/authorization/customer"), who);
    assertThat(services.uri().getPath()).isEqualTo("/account/contacts/services");
    assertThat(accounts.count()).isEqualTo(before + 1);
    Account opened = accounts.findForSignIn(email).orElseThrow();
    assertThat(opened.emailVerified()).isTrue();
    assertThat(opened.firstName()).isEqualTo("Chiara");
    assertThat(opened.lastName()).isEqualTo("Bianchi");
    assertThat(opened.language()).isEqualTo(Language.it);
    assertThat(services.body()).contains(opened.nic().value());
    assertThat(fixtures.awaitMail(email, MailKind.ACCOUNT_CREATED)).isNotNull();
    assertThat(log.page(opened.nic(), null).entries())
        .anySatisfy(e -> assertThat(e.event()).isEqualTo(SecurityEvent.accountCreated));

    // the same person next time: the same account, none opened
    var again = new HttpSession();
    again.get(url("/login"));
    HttpSession.Page second = signIn(again, url("/oauth2/authorization/customer"), who);
    assertThat(second.body()).contains(opened.nic().value());
    assertThat(accounts.count()).isEqualTo(before + 1);
  }

  @Test
  void withoutAVerifiedEmailNoAccountIsOpened() {
    long before = accounts.count();
    String who =
        person(
            null, "unsure-" + System.nanoTime() + "@example.org", Map.of("email_verified", false));
    var browser = new HttpSession();
    browser.get(url("/login"));
    HttpSession.Page refused = signIn(browser, url("/oauth2/authorization/customer"), who);
    assertThat(refused.uri().getQuery()).isEqualTo("refused=unknown");
    assertThat(accounts.count()).isEqualTo(before);
  }
}
