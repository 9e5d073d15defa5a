package org.handover.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.catalog.HostedService;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A form sent after its session ended is not refused as "not allowed": the person is told their
 * session ended, signs in, and is offered the same form with what they typed, in the panel and in
 * the staff console. Through real HTTP and the session store.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "handover.demo.enabled=true")
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class ExpiredSessionTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    H2Database.register(registry, "expired-session");
  }

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired Accounts accounts;
  @Autowired JdbcClient jdbc;

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private void everySessionEnds() {
    jdbc.sql("delete from spring_session_attributes").update();
    jdbc.sql("delete from spring_session").update();
  }

  @Test
  void aCustomerWhoseSessionEndedSignsInAndSendsWhatTheyTypedAgain() {
    Nic me = fixtures.accountThatSignsIn(Language.en);
    Nic newTech = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(me);
    String edit = "/account/contacts/services/" + s.type() + "/" + s.name() + "/edit";
    HttpSession browser = new HttpSession();
    HttpSession.Page login = browser.get(url("/login"));
    browser.submit(login, "/login", "login", me.value(), "password", Fixtures.PASSWORD);
    HttpSession.Page form = browser.get(url(edit));

    everySessionEnds();
    HttpSession.Page sent = browser.submit(form, edit, "tech", newTech.value());

    assertThat(sent.uri().getPath()).isEqualTo("/login");
    assertThat(sent.body()).contains("Your session had ended").doesNotContain("Not allowed");
    HttpSession.Page resume =
        browser.submit(sent, "/login", "login", me.value(), "password", Fixtures.PASSWORD);
    assertThat(resume.uri().getPath()).isEqualTo("/account/session/resume");
    assertThat(resume.body()).contains("value=\"" + newTech.value() + "\"");

    HttpSession.Page review = browser.submit(resume, edit, "tech", newTech.value());
    assertThat(review.status()).isEqualTo(200);
    assertThat(review.body()).contains(newTech.value());
    assertThat(fixtures.contactsOf(s).tech()).isEqualTo(me);
  }

  @Test
  void aFormFromAPageOlderThanTheSignInIsOfferedAgainWithoutSigningIn() {
    Nic me = fixtures.accountThatSignsIn(Language.en);
    HttpSession browser = new HttpSession();
    HttpSession.Page login = browser.get(url("/login"));
    browser.submit(login, "/login", "login", me.value(), "password", Fixtures.PASSWORD);
    HttpSession.Page profile = browser.get(url("/account/profile"));
    HttpSession.Page stale =
        new HttpSession.Page(profile.status(), profile.uri(), "name=\"_csrf\" value=\"stale\"");

    HttpSession.Page sent = browser.submit(stale, "/account/profile", "firstName", "Zoé");

    assertThat(sent.uri().getPath()).isEqualTo("/account/session/resume");
    assertThat(sent.body()).contains("Zoé");
  }

  @Test
  void aStaffMemberWhoseSessionEndedIsToldSoAndNotShownRawData() {
    Nic customer = fixtures.account();
    HttpSession browser = new HttpSession();
    HttpSession.Page login = browser.get(url("/operator/console/login"));
    browser.submit(
        login, "/operator/console/login", "username", "demo-agent", "password", "handover-demo");
    HttpSession.Page account = browser.get(url("/operator/console/accounts/" + customer.value()));
    String suspend = "/operator/console/accounts/" + customer.value() + "/suspend";

    everySessionEnds();
    HttpSession.Page sent = browser.submit(account, suspend);

    assertThat(sent.uri().getPath()).isEqualTo("/operator/console/login");
    assertThat(sent.body()).contains("Your session had ended").doesNotContain("\"timestamp\"");
    HttpSession.Page resume =
        browser.submit(
            sent, "/operator/console/login", "username", "demo-agent", "password", "handover-demo");
    assertThat(resume.uri().getPath()).isEqualTo("/operator/console/resume");
    assertThat(accounts.find(customer).orElseThrow().state()).isEqualTo(Account.State.active);
    browser.submit(resume, suspend);
    assertThat(accounts.find(customer).orElseThrow().state()).isEqualTo(Account.State.suspended);
  }
}
