package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.account.Account;
import org.handover.account.AccountAdministration;
import org.handover.account.Accounts;
import org.handover.apiauth.ApiKeys;
import org.handover.audit.Browsers;
import org.handover.audit.SecurityEntry;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.mail.MailKind;
import org.handover.support.Fixtures;
import org.handover.support.HttpSession;
import org.handover.support.MutableClock;
import org.handover.support.SignedRequests;
import org.handover.support.TestClockConfiguration;
import org.handover.system.Actor;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import testidp.TestIdentityProvider;

/**
 * Customers signing in through the provider's OpenID Connect provider (a real Spring Authorization
 * Server in the test JVM), with {@code handover.customers.sign-in=oidc}: the account named by the
 * customer-ID claim, unknown and suspended accounts refused, the verified email taken over, both
 * ways of signing out, and passwords refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class CustomerSignInTest {

  static final TestIdentityProvider IDP = TestIdentityProvider.start();
  static final String CHROME_ON_LINUX =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";
  private static final AtomicInteger PEOPLE = new AtomicInteger();

  @DynamicPropertySource
  static void identityProvider(DynamicPropertyRegistry registry) {
    CustomerProviderSettings.register(registry, IDP, "oidc", false);
  }

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired Accounts accounts;
  @Autowired AccountAdministration administration;
  @Autowired SecurityLog log;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void allowRedirects() {
    IDP.allowRedirect(url("/login/oauth2/code/customer"));
    IDP.allowPostLogoutRedirect(url("/login?logout"));
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** A person of the provider whose ID token names the account, with these extra claims. */
  static String person(Nic nic, String email, Map<String, Object> extra) {
    String name = "customer" + PEOPLE.incrementAndGet();
    Map<String, Object> claims = new HashMap<>(extra);
    if (nic != null) {
      claims.put("customer_id", nic.value());
    }
    if (email != null) {
      claims.putIfAbsent("email", email);
      claims.putIfAbsent("email_verified", true);
    }
    claims.putIfAbsent("amr", List.of("pwd"));
    IDP.customer(name, claims);
    return name;
  }

  /** Opens a panel page, signs in at the provider's own page, and returns where the panel ends. */
  static HttpSession.Page signIn(HttpSession browser, String panelUrl, String person) {
    HttpSession.Page provider = browser.get(panelUrl);
    assertThat(provider.uri().getHost()).as(provider.body()).isEqualTo("127.0.0.1");
    return browser.submit(
        provider, "/login", "username", person, "password", TestIdentityProvider.CUSTOMER_PASSWORD);
  }

  List<SecurityEntry> logOf(Nic nic) {
    return log.page(nic, null).entries();
  }

  @Test
  void signsInTheAccountTheCustomerIdClaimNames() {
    Nic nic = fixtures.account();
    var browser = new HttpSession(CHROME_ON_LINUX);
    HttpSession.Page services =
        signIn(
            browser, url("/account/contacts/services"), person(nic, fixtures.email(nic), Map.of()));
    assertThat(services.status()).isEqualTo(200);
    assertThat(services.uri().getPath()).isEqualTo("/account/contacts/services");
    assertThat(services.body()).contains(nic.value());
    // authorization code with PKCE: the provider was asked with a code challenge
    assertThat(browser.visited())
        .anySatisfy(
            u ->
                assertThat(String.valueOf(u.getQuery()))
                    .contains("code_challenge=")
                    .contains("code_challenge_method=S256"));
    assertThat(logOf(nic))
        .anySatisfy(
            e -> {
              assertThat(e.event()).isEqualTo(SecurityEvent.signIn);
              assertThat(e.method()).isEqualTo("provider");
              assertThat(e.factor()).isNull();
              assertThat(e.address()).isEqualTo("127.0.0.1");
              assertThat(e.recognised()).isEqualTo(new Browsers.Recognised("Chrome 131", "Linux"));
            });
  }

  @Test
  void anUnknownCustomerIdIsRefusedWithAPageThatNamesNoAccount() {
    long before = accounts.count();
    var browser = new HttpSession();
    HttpSession.Page refused =
        signIn(
            browser,
            url("/account/contacts/services"),
            person(new Nic("zz999999-ovh"), "who@example.com", Map.of()));
    assertThat(refused.uri().getPath()).isEqualTo("/login");
    assertThat(refused.uri().getQuery()).isEqualTo("refused=unknown");
    assertThat(refused.body())
        .contains("no customer account is linked to it")
        .doesNotContain("zz999999");
    assertThat(accounts.count()).isEqualTo(before);
    assertThat(browser.get(url("/account/contacts/services")).uri().getPath()).isEqualTo("/login");
  }

  @Test
  void aSuspendedAccountIsRefused() {
    Nic nic = fixtures.account();
    administration.setState(nic, Account.State.suspended, Actor.system());
    HttpSession.Page refused =
        signIn(
            new HttpSession(),
            url("/account/contacts/services"),
            person(nic, fixtures.email(nic), Map.of()));
    assertThat(refused.uri().getQuery()).isEqualTo("refused=suspended");
    assertThat(refused.body()).contains("This account is suspended");
    assertThat(logOf(nic))
        .anySatisfy(e -> assertThat(e.event()).isEqualTo(SecurityEvent.signInRefused));
  }

  @Test
  void theProvidersVerifiedEmailBecomesTheAccountsWithTheUsualNotice() {
    Nic nic = fixtures.account();
    String old = fixtures.email(nic);
    String fresh = "moved-" + nic.value() + "@example.net";
    signIn(new HttpSession(), url("/account/contacts/services"), person(nic, fresh, Map.of()));
    assertThat(accounts.require(nic).email()).isEqualTo(fresh);
    assertThat(fixtures.awaitMail(old, MailKind.SECURITY_EMAIL_CHANGED)).isNotNull();
    assertThat(logOf(nic))
        .anySatisfy(
            e -> {
              assertThat(e.event()).isEqualTo(SecurityEvent.emailChanged);
              assertThat(e.by()).isEqualTo("provider");
            });
  }

  @Test
  void anUnverifiedEmailIsNotTakenOver() {
    Nic nic = fixtures.account();
    String old = accounts.require(nic).email();
    signIn(
        new HttpSession(),
        url("/account/contacts/services"),
        person(nic, "unverified-" + nic.value() + "@example.net", Map.of("email_verified", false)));
    assertThat(accounts.require(nic).email()).isEqualTo(old);
  }

  @Test
  void thePasswordFormIsRefusedInOidcMode() {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    var browser = new HttpSession();
    HttpSession.Page login = browser.get(url("/login?logout"));
    assertThat(login.body()).contains("provider-sign-in").doesNotContain("name=\"password\"");
    // a browser with a session (and so a CSRF token) of another customer tries the password
    Nic other = fixtures.account();
    HttpSession.Page signedIn =
        signIn(
            browser,
            url("/account/contacts/services"),
            person(other, fixtures.email(other), Map.of()));
    HttpSession.Page refused =
        browser.submit(signedIn, "/login", "login", nic.value(), "password", Fixtures.PASSWORD);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("Passwords are not used here");
    assertThat(logOf(nic)).noneSatisfy(e -> assertThat(e.event()).isEqualTo(SecurityEvent.signIn));
    assertThat(browser.get(url("/signup")).status()).isEqualTo(404);
    assertThat(browser.get(url("/password-reset")).status()).isEqualTo(404);
  }

  @Test
  void createTokenOffersNoPasswordFormAndSaysWhereKeysComeFrom() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    var browser = new HttpSession();
    HttpSession.Page page = browser.get(url("/createToken?GET=/me"));
    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body())
        .contains("keys-from-panel")
        .contains("API applications")
        .doesNotContain("name=\"password\"");
    String form =
        "nic="
            + nic.value()
            + "&password="
            + URLEncoder.encode(Fixtures.PASSWORD, StandardCharsets.UTF_8)
            + "&applicationName=x&GET=/me";
    HttpResponse<String> json =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url("/createToken")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(json.statusCode()).isEqualTo(403);
    assertThat(json.body()).contains("Client::Forbidden").contains("identity provider");
  }

  /** The status and Location of one request with this session cookie, redirects not followed. */
  HttpResponse<String> once(String path, String sessionCookie) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url(path)))
                .header("Cookie", "SESSION=" + sessionCookie)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theProvidersBackChannelLogoutEndsTheSession() throws Exception {
    Nic nic = fixtures.account();
    var browser = new HttpSession();
    String person = person(nic, fixtures.email(nic), Map.of());
    signIn(browser, url("/account/contacts/services"), person);
    String cookie = browser.cookie("SESSION");
    assertThat(once("/account/contacts/services", cookie).statusCode()).isEqualTo(200);
    String sid =
        jdbc.sql("select sid from provider_sessions where nic = ?")
            .param(nic.value())
            .query(String.class)
            .single();

    // a token the provider did not sign changes nothing
    String forged = IDP.logoutToken(person, sid);
    forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA";
    assertThat(backChannel(forged).statusCode()).isEqualTo(400);
    assertThat(once("/account/contacts/services", cookie).statusCode()).isEqualTo(200);

    assertThat(backChannel(IDP.logoutToken(person, sid)).statusCode()).isEqualTo(200);
    HttpResponse<String> next = once("/account/contacts/services", cookie);
    assertThat(next.statusCode()).isEqualTo(302);
    assertThat(next.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    assertThat(logOf(nic))
        .anySatisfy(
            e -> {
              assertThat(e.event()).isEqualTo(SecurityEvent.sessionEnded);
              assertThat(e.by()).isEqualTo("provider");
            });
  }

  private HttpResponse<String> backChannel(String token) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url("/logout/connect/back-channel/customer")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + token))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void signingOutOfHandoverAlsoEndsTheProvidersSession() {
    Nic nic = fixtures.account();
    var browser = new HttpSession();
    String person = person(nic, fixtures.email(nic), Map.of());
    HttpSession.Page services = signIn(browser, url("/account/contacts/services"), person);
    HttpSession.Page out = browser.submit(services, url("/logout"));
    assertThat(browser.visited())
        .anySatisfy(u -> assertThat(u.toString()).startsWith(IDP.issuer() + "/connect/logout"));
    assertThat(out.uri().getPath()).isEqualTo("/login");
    assertThat(out.body()).contains("You are signed out");
    // the provider's session is over too: the next visit asks for the provider's password
    HttpSession.Page again = browser.get(url("/account/contacts/services"));
    assertThat(again.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(again.body()).contains("password");
    assertThat(logOf(nic)).anySatisfy(e -> assertThat(e.event()).isEqualTo(SecurityEvent.signOut));
  }

  // ---- second factor and step-up -----------------------------------------------------------

  @Autowired ApiKeys keys;
  @Autowired SecondFactors factors;

  @Test
  void theProvidersSecondFactorCountsForStepUp() {
    Nic nic = fixtures.account();
    var browser = new HttpSession();
    HttpSession.Page services =
        signIn(
            browser,
            url("/account/contacts/services"),
            person(nic, fixtures.email(nic), Map.of("amr", List.of("pwd", "otp"))));
    int before = browser.visited().size();
    HttpSession.Page created =
        browser.submit(services, url("/account/api/applications"), "name", "billing sync");
    assertThat(created.uri().getPath()).isEqualTo("/account/api/applications");
    assertThat(keys.applications(nic))
        .extracting(ApiKeys.Application::name)
        .contains("billing sync");
    assertThat(browser.visited().subList(before, browser.visited().size()))
        .noneSatisfy(u -> assertThat(u.getHost()).isEqualTo("127.0.0.1"));
    assertThat(logOf(nic))
        .anySatisfy(
            e -> {
              assertThat(e.event()).isEqualTo(SecurityEvent.signIn);
              assertThat(e.method()).isEqualTo("provider");
              assertThat(e.factor()).isEqualTo("provider");
            });
  }

  @Test
  void withoutTheProvidersProofHandoverAsksItsOwnSecondFactor() {
    Nic nic = fixtures.account();
    String secret = Totp.newSecret();
    Totp totp = Totp.standard();
    factors.enrolTotp(Fixtures.as(nic), "phone", secret, totp.code(secret, clock.instant()));
    clock.advance(Duration.ofSeconds(30));
    var browser = new HttpSession();
    HttpSession.Page second =
        signIn(
            browser, url("/account/contacts/services"), person(nic, fixtures.email(nic), Map.of()));
    assertThat(second.uri().getPath()).isEqualTo("/login/second-factor");
    assertThat(browser.get(url("/account/contacts/services")).uri().getPath())
        .isEqualTo("/login/second-factor");
    HttpSession.Page services =
        browser.submit(second, "/login/second-factor", "code", totp.code(secret, clock.instant()));
    assertThat(services.uri().getPath()).isEqualTo("/account/contacts/services");
    assertThat(logOf(nic))
        .anySatisfy(
            e -> {
              assertThat(e.event()).isEqualTo(SecurityEvent.signIn);
              assertThat(e.method()).isEqualTo("provider");
              assertThat(e.factor()).isEqualTo("totp");
            });
  }

  @Test
  void afterTheWindowStepUpGoesBackToTheProviderWithMaxAgeZero() {
    Nic nic = fixtures.account();
    var browser = new HttpSession();
    HttpSession.Page services =
        signIn(
            browser,
            url("/account/contacts/services"),
            person(nic, fixtures.email(nic), Map.of("amr", List.of("pwd", "hwk"))));
    clock.advance(Duration.ofMinutes(6));
    int before = browser.visited().size();
    HttpSession.Page back =
        browser.submit(services, url("/account/api/applications"), "name", "late");
    List<URI> trip = browser.visited().subList(before, browser.visited().size());
    assertThat(trip)
        .anySatisfy(
            u -> {
              assertThat(u.toString()).startsWith(IDP.issuer() + "/oauth2/authorize");
              assertThat(u.getQuery())
                  .contains("max_age=0")
                  .contains("acr_values=" + CustomerProviderSettings.STEP_UP_ACR);
            });
    assertThat(trip)
        .noneSatisfy(u -> assertThat(u.getPath()).isEqualTo("/account/security/confirm"));
    assertThat(back.uri().getPath()).isEqualTo("/account/contacts/services");
    assertThat(keys.applications(nic)).isEmpty();
    // checked again at the provider: the action now goes through
    HttpSession.Page created =
        browser.submit(back, url("/account/api/applications"), "name", "late");
    assertThat(created.uri().getPath()).isEqualTo("/account/api/applications");
    assertThat(keys.applications(nic))
        .extracting(ApiKeys.Application::name)
        .containsExactly("late");
    assertThat(logOf(nic))
        .anySatisfy(
            e -> {
              assertThat(e.event()).isEqualTo(SecurityEvent.stepUp);
              assertThat(e.method()).isEqualTo("provider");
              assertThat(e.factor()).isEqualTo("provider");
            });
  }

  // ---- API keys --------------------------------------------------------------------------------

  @Test
  void aConsumerKeyIsValidatedAfterSigningInThroughTheProvider() throws Exception {
    Nic nic = fixtures.account();
    ApiKeys.NewApplication app = keys.createApplication(Fixtures.as(fixtures.account()), "crm", "");
    HttpResponse<String> asked =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url("/1.0/auth/credential")))
                    .header("X-Ovh-Application", app.application().key())
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"accessRules\":[{\"method\":\"GET\",\"path\":\"/me*\"}]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
    String consumerKey = field(asked.body(), "consumerKey");
    URI validation = URI.create(field(asked.body(), "validationUrl"));
    var browser = new HttpSession();
    HttpSession.Page review =
        signIn(
            browser,
            url(validation.getRawPath() + "?" + validation.getRawQuery()),
            person(nic, fixtures.email(nic), Map.of("amr", List.of("pwd", "otp"))));
    assertThat(review.uri().getPath()).isEqualTo("/account/api/credentials/validate");
    String token = validation.getQuery().substring("token=".length());
    HttpSession.Page validated =
        browser.submit(
            review,
            "/account/api/credentials/validate",
            "token",
            token,
            "validity",
            "0",
            "decision",
            "validate");
    assertThat(validated.status()).isEqualTo(200);
    var credential =
        new SignedRequests.Credential(nic, app.application().key(), app.secret(), consumerKey);
    HttpResponse<String> me =
        SignedRequests.get(credential, url(""), "/1.0/me", clock.instant().getEpochSecond());
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains(nic.value());
    assertThat(logOf(nic))
        .anySatisfy(e -> assertThat(e.event()).isEqualTo(SecurityEvent.keyCreated));
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return m.group(1);
  }
}
