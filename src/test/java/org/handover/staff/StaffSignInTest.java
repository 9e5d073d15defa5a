package org.handover.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.tech;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.account.Accounts;
import org.handover.audit.AuditLog;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.catalog.HostedService;
import org.handover.change.ChangeState;
import org.handover.mail.MailKind;
import org.handover.support.ChangeUseCases;
import org.handover.support.Fixtures;
import org.handover.support.HttpSession;
import org.handover.support.MutableClock;
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
 * Staff identity against a real OpenID Connect provider running in the test JVM: sign-in to the
 * console with roles from the ID token, the console closed to customers and to people without a
 * role, viewers unable to act, and JWT access tokens for the operator API checked for issuer and
 * audience.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class, ChangeUseCases.class})
class StaffSignInTest {

  static final TestIdentityProvider IDP = TestIdentityProvider.start();

  @DynamicPropertySource
  static void identityProvider(DynamicPropertyRegistry registry) {
    StaffConsoleSettings.register(registry, IDP);
  }

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired AuditLog audit;
  @Autowired ChangeUseCases changes;
  @Autowired Accounts accounts;
  @Autowired MutableClock clock;
  @Autowired SecurityLog securityLog;

  @BeforeEach
  void allowRedirect() {
    IDP.allowRedirect(url("/operator/console/login/oauth2/code/staff"));
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** Signs a staff person in through the provider; returns the page the console ends on. */
  static HttpSession.Page signIn(HttpSession browser, String consoleUrl, String person) {
    HttpSession.Page login = browser.get(consoleUrl);
    assertThat(login.uri().getPath()).isEqualTo("/operator/console/login");
    HttpSession.Page provider = browser.get(consoleUrl + "/oauth2/authorization/staff");
    assertThat(provider.uri().getHost()).isEqualTo("127.0.0.1");
    return browser.submit(
        provider, "/login", "username", person, "password", TestIdentityProvider.PASSWORD);
  }

  @Test
  void staffSignInThroughTheProviderWithTheRolesOfTheirIdToken() {
    var browser = new HttpSession();
    HttpSession.Page home = signIn(browser, url("/operator/console"), "alice");
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.uri().getPath()).isEqualTo("/operator/console");
    assertThat(home.body()).contains("alice (viewer, agent)");
  }

  @Test
  void aPersonWithoutAConsoleRoleIsRefused() {
    var browser = new HttpSession();
    HttpSession.Page page = signIn(browser, url("/operator/console"), "nobody");
    assertThat(page.status()).isEqualTo(403);
  }

  @Test
  void aViewerCannotAct() {
    var browser = new HttpSession();
    HttpSession.Page home = signIn(browser, url("/operator/console"), "vera");
    assertThat(home.body()).contains("vera (viewer)");
    HttpSession.Page refused =
        browser.submit(home, url("/operator/console/requests/1/abort"), "reason", "x");
    assertThat(refused.status()).isEqualTo(403);
  }

  @Test
  void aCustomerCannotReachTheConsole() {
    Nic customer = fixtures.accountThatSignsIn(Language.en);
    var browser = new HttpSession();
    HttpSession.Page login = browser.get(url("/login"));
    HttpSession.Page services =
        browser.submit(login, "/login", "login", customer.value(), "password", Fixtures.PASSWORD);
    assertThat(services.uri().getPath()).isEqualTo("/account/contacts/services");

    HttpSession.Page console = browser.get(url("/operator/console"));
    assertThat(console.uri().getPath()).isEqualTo("/operator/console/login");
    assertThat(console.body()).doesNotContain("Signed in as");
  }

  @Test
  void theOperatorApiTakesTheProvidersAccessTokensAndNamesTheSystemInTheAuditLog() {
    String token = systemToken(IDP.issuer(), "billing-system");
    Nic nic = fixtures.account();
    assertThat(call("POST", "/operator/v1/accounts/" + nic.value() + "/suspend", token))
        .isEqualTo(200);
    assertThat(audit.search(null, nic.value(), null, null, 0, 10))
        .anySatisfy(e -> assertThat(e.actor()).isEqualTo("jwt:billing-system"));
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() {
    trustedTokenWorks();
    String token = systemToken(IDP.issuer(), "other-system");
    assertThat(call("GET", "/operator/v1/contact-changes", token)).isEqualTo(401);
  }

  @Test
  void aTokenFromAnotherIssuerIsRefused() {
    trustedTokenWorks();
    String token = systemToken(IDP.otherIssuer(), "billing-system");
    assertThat(call("GET", "/operator/v1/contact-changes", token)).isEqualTo(401);
  }

  @Test
  void theStaticOperatorTokenStillWorks() {
    assertThat(call("GET", "/operator/v1/contact-changes", "test-operator-token")).isEqualTo(200);
    assertThat(call("GET", "/operator/v1/contact-changes", "not-a-token")).isEqualTo(401);
  }

  /** The trusted token passes first: a refusal after it is about the token, not the provider. */
  private void trustedTokenWorks() {
    String good = systemToken(IDP.issuer(), "billing-system");
    assertThat(call("GET", "/operator/v1/contact-changes", good)).isEqualTo(200);
  }

  // ---- the console ---------------------------------------------------------------------------

  @Test
  void anAgentFindsAccountsServicesAndRequests() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    long id =
        changes
            .request(Fixtures.as(a), s.type(), s.name(), Fixtures.wanted(tech, x))
            .orElseThrow()
            .id();
    var browser = new HttpSession();
    signIn(browser, url("/operator/console"), "alice");

    assertThat(browser.get(url("/operator/console?q=" + a.value())).body())
        .contains(a.value() + "</a>");
    assertThat(browser.get(url("/operator/console?q=" + fixtures.email(x))).body())
        .contains(x.value() + "</a>");
    String lastName = x.value().substring(2, x.value().indexOf('-'));
    assertThat(browser.get(url("/operator/console?q=User+" + lastName)).body())
        .contains(x.value() + "</a>");
    assertThat(browser.get(url("/operator/console?q=" + s.name())).body())
        .contains(s.name() + "</a>");
    assertThat(browser.get(url("/operator/console?q=" + id)).body())
        .contains(">Request #" + id + "</a>");
    assertThat(browser.get(url("/operator/console?state=validatingByCustomers")).body())
        .contains(">Request #" + id + "</a>");

    HttpSession.Page account = browser.get(url("/operator/console/accounts/" + a.value()));
    assertThat(account.body()).contains(s.name()).contains(">Request #" + id + "</a>");
    HttpSession.Page service = browser.get(url("/operator/console/services/domain/" + s.name()));
    assertThat(service.body()).contains(a.value()).contains("service.created");
    HttpSession.Page request = browser.get(url("/operator/console/requests/" + id + "?lang=it"));
    assertThat(request.body()).contains("Richiesta n. " + id).contains(x.value());
  }

  @Test
  void anAgentAbortsARequestAndTheAuditLogNamesThem() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    long id =
        changes
            .request(Fixtures.as(a), s.type(), s.name(), Fixtures.wanted(tech, x))
            .orElseThrow()
            .id();
    var browser = new HttpSession();
    signIn(browser, url("/operator/console"), "alice");
    HttpSession.Page request = browser.get(url("/operator/console/requests/" + id));
    HttpSession.Page aborted =
        browser.submit(
            request, "/operator/console/requests/" + id + "/abort", "reason", "ticket 42");
    assertThat(aborted.body()).contains("The request is aborted");
    assertThat(changes.find(id).orElseThrow().state()).isEqualTo(ChangeState.aborted);
    assertThat(audit.forChange(id))
        .anySatisfy(
            e -> {
              assertThat(e.actor()).isEqualTo("staff:" + IDP.issuer() + "#alice");
              assertThat(e.actorName()).isEqualTo("alice");
            });
  }

  @Test
  void anAgentResendsAPartysCodeAndSuspendsAnAccount() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    long id =
        changes
            .request(Fixtures.as(a), s.type(), s.name(), Fixtures.wanted(tech, x))
            .orElseThrow()
            .id();
    var browser = new HttpSession();
    signIn(browser, url("/operator/console"), "arthur");
    clock.advance(Duration.ofMinutes(2));
    HttpSession.Page request = browser.get(url("/operator/console/requests/" + id));
    HttpSession.Page resent =
        browser.submit(request, "/operator/console/requests/" + id + "/resend", "party", x.value());
    assertThat(resent.body()).contains("A new code is on its way");
    assertThat(audit.forChange(id))
        .anySatisfy(
            e -> {
              assertThat(e.actor()).isEqualTo("staff:" + IDP.issuer() + "#arthur");
              assertThat(e.actorName()).isEqualTo("arthur");
              assertThat(e.action()).isEqualTo("staff.code.resent");
            });

    HttpSession.Page account = browser.get(url("/operator/console/accounts/" + x.value()));
    HttpSession.Page suspended =
        browser.submit(account, "/operator/console/accounts/" + x.value() + "/suspend");
    assertThat(suspended.body()).contains("The account is suspended");
    assertThat(accounts.require(x).isActive()).isFalse();
    // an agent cannot set debt: that is a supervisor's
    assertThat(
            browser
                .submit(
                    suspended,
                    "/operator/console/accounts/" + x.value() + "/debt",
                    "amount",
                    "1.00")
                .status())
        .isEqualTo(403);
  }

  @Test
  void aSupervisorSetsAnOverdueAmountInTheCurrencysUnits() {
    Nic x = fixtures.account();
    var browser = new HttpSession();
    signIn(browser, url("/operator/console"), "sam");
    String path = "/operator/console/accounts/" + x.value();
    HttpSession.Page account = browser.get(url(path));
    assertThat(account.body()).contains("name=\"amount\"").doesNotContain("in cents");

    HttpSession.Page set = browser.submit(account, path + "/debt", "amount", "12,50");
    assertThat(accounts.require(x).debtCents()).isEqualTo(1250);
    assertThat(set.body()).contains("value=\"12.50\"");

    HttpSession.Page refused = browser.submit(set, path + "/debt", "amount", "3.999");
    assertThat(refused.body())
        .contains("Overdue debt: type an amount of 0 or more")
        .contains("value=\"3.999\"");
    assertThat(accounts.require(x).debtCents()).as("nothing changed").isEqualTo(1250);
    assertThat(browser.get(url(path + "?lang=it")).body()).contains("value=\"12,50\"");
  }

  @Test
  void aPartyWhoHasAnsweredIsOfferedNoNewCodeAndStaffAreToldWhy() {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    long id =
        changes
            .request(Fixtures.as(a), s.type(), s.name(), Fixtures.wanted(tech, x))
            .orElseThrow()
            .id();
    changes.accept(
        Fixtures.as(a), id, fixtures.codeSentTo(fixtures.email(a), MailKind.CHANGE_CODE));
    var browser = new HttpSession();
    signIn(browser, url("/operator/console"), "arthur");
    HttpSession.Page request = browser.get(url("/operator/console/requests/" + id));
    assertThat(request.body())
        .contains("name=\"party\" value=\"" + x.value() + "\"")
        .doesNotContain("name=\"party\" value=\"" + a.value() + "\"");
    HttpSession.Page refused =
        browser.submit(request, "/operator/console/requests/" + id + "/resend", "party", a.value());
    assertThat(refused.body())
        .contains(a.value() + " has already answered this request")
        .doesNotContain("You have already answered");
  }

  @Test
  void aViewerSeesNoActionsAndCannotSuspend() {
    Nic a = fixtures.account();
    var browser = new HttpSession();
    signIn(browser, url("/operator/console"), "vera");
    HttpSession.Page account = browser.get(url("/operator/console/accounts/" + a.value()));
    assertThat(account.body()).doesNotContain("/suspend");
    assertThat(
            browser
                .submit(account, "/operator/console/accounts/" + a.value() + "/suspend")
                .status())
        .isEqualTo(403);
    assertThat(accounts.require(a).isActive()).isTrue();
  }

  @Test
  void staffSeeTheCustomersSecurityLog() {
    Nic a = fixtures.account();
    securityLog.record(a, SecurityEvent.handOver, SecurityLog.Details.detail("seen-by-staff"));
    var browser = new HttpSession();
    signIn(browser, url("/operator/console"), "vera");
    HttpSession.Page account = browser.get(url("/operator/console/accounts/" + a.value()));
    assertThat(account.body())
        .contains("id=\"account-security-log\"")
        .contains("Hand-over action")
        .contains("seen-by-staff");
  }

  @Test
  void unknownThingsAre404AndBadInput400() {
    var browser = new HttpSession();
    signIn(browser, url("/operator/console"), "vera");
    assertThat(browser.get(url("/operator/console/requests/999999999")).status()).isEqualTo(404);
    assertThat(browser.get(url("/operator/console/accounts/zz999999-ovh")).status()).isEqualTo(404);
    assertThat(browser.get(url("/operator/console/accounts/not-a-nic")).status()).isEqualTo(400);
    assertThat(browser.get(url("/operator/console/services/domain/nowhere.example")).status())
        .isEqualTo(404);
  }

  private int call(String method, String path, String token) {
    try {
      var response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url(path)))
                      .header("Authorization", "Bearer " + token)
                      .header("Content-Type", "application/json")
                      .method(method, HttpRequest.BodyPublishers.ofString(""))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.statusCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A client-credentials access token of the given issuer for a system. */
  static String systemToken(String issuer, String client) {
    try {
      String basic =
          Base64.getEncoder()
              .encodeToString(
                  (client + ":" + TestIdentityProvider.SYSTEM_SECRET)
                      .getBytes(StandardCharsets.UTF_8));
      var response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                      .header("Authorization", "Basic " + basic)
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "grant_type=client_credentials&scope="
                                  + URLEncoder.encode("operator", StandardCharsets.UTF_8)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
      assertThat(m.find()).as(response.body()).isTrue();
      return m.group(1);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
