package org.handover.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.handover.account.ProfileChanges;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiKeys;
import org.handover.catalog.HostedService;
import org.handover.mail.MailKind;
import org.handover.security.SecondFactors;
import org.handover.security.Totp;
import org.handover.staff.AccountSessions;
import org.handover.support.ChangeUseCases;
import org.handover.support.Fixtures;
import org.handover.support.HttpSession;
import org.handover.support.MutableClock;
import org.handover.support.SignedRequests;
import org.handover.support.TestClockConfiguration;
import org.handover.system.Actor;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The customer's security log with Handover's own sign-in: every kind of event recorded with its
 * method, second factor, address and named browser; the page, the exports and the API show the
 * caller's own log only, newest first, all of it in the exports; old lines are purged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class, ChangeUseCases.class})
class SecurityLogTest {

  static final String FIREFOX_ON_WINDOWS =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired SecurityLog log;
  @Autowired ProfileChanges accounts;
  @Autowired SecondFactors factors;
  @Autowired ApiKeys keys;
  @Autowired AccountSessions staffSessions;
  @Autowired ChangeUseCases changes;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  private final Totp totp = Totp.standard();

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  List<SecurityEntry> logOf(Nic nic) {
    return log.page(nic, null).entries();
  }

  SecurityEntry latest(Nic nic, SecurityEvent event) {
    return logOf(nic).stream()
        .filter(e -> e.event() == event)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + event + " in " + logOf(nic)));
  }

  HttpSession.Page signIn(HttpSession browser, Nic nic, String password) {
    HttpSession.Page login = browser.get(url("/login"));
    return browser.submit(login, "/login", "login", nic.value(), "password", password);
  }

  @Test
  void aPasswordSignInIsRecordedWithAddressAndNamedBrowser() {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    signIn(new HttpSession(FIREFOX_ON_WINDOWS), nic, Fixtures.PASSWORD);
    SecurityEntry e = latest(nic, SecurityEvent.signIn);
    assertThat(e.method()).isEqualTo("password");
    assertThat(e.factor()).isNull();
    assertThat(e.address()).isEqualTo("127.0.0.1");
    assertThat(e.recognised()).isEqualTo(new Browsers.Recognised("Firefox 133", "Windows"));
  }

  @Test
  void failedSignInsAndTheHoldBackAreRecorded() {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    var browser = new HttpSession();
    for (int i = 0; i < 6; i++) {
      signIn(browser, nic, "wrong password " + i);
    }
    assertThat(logOf(nic)).filteredOn(e -> e.event() == SecurityEvent.signInFailed).hasSize(5);
    assertThat(latest(nic, SecurityEvent.signInThrottled).method()).isEqualTo("password");
  }

  @Test
  void aSecondFactorSignInStepUpWrongCodeAndRecoveryCodeAreRecorded() {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String secret = Totp.newSecret();
    List<String> recovery =
        factors.enrolTotp(as(nic), "phone", secret, totp.code(secret, clock.instant()));
    assertThat(latest(nic, SecurityEvent.factorAdded).factor()).isEqualTo("totp");
    clock.advance(Duration.ofSeconds(30));
    var browser = new HttpSession();
    HttpSession.Page second = signIn(browser, nic, Fixtures.PASSWORD);
    browser.submit(second, "/login/second-factor", "code", "000000");
    assertThat(latest(nic, SecurityEvent.secondFactorFailed)).isNotNull();
    HttpSession.Page services =
        browser.submit(second, "/login/second-factor", "code", totp.code(secret, clock.instant()));
    assertThat(services.uri().getPath()).isEqualTo("/account/contacts/services");
    SecurityEntry signIn = latest(nic, SecurityEvent.signIn);
    assertThat(signIn.method()).isEqualTo("password");
    assertThat(signIn.factor()).isEqualTo("totp");

    HttpSession.Page confirm =
        browser.get(url("/account/security/confirm?continue=/account/security"));
    browser.submit(
        confirm,
        "/account/security/confirm",
        "code",
        recovery.get(0),
        "continue",
        "/account/security");
    SecurityEntry used = latest(nic, SecurityEvent.recoveryCodeUsed);
    assertThat(used.reason()).isEqualTo(SecurityReason.codesLeft);
    assertThat(used.ref()).isEqualTo(9L);
    assertThat(latest(nic, SecurityEvent.stepUp).factor()).isEqualTo("recovery");

    long id = factors.list(nic).get(0).id();
    factors.remove(as(nic), id);
    assertThat(latest(nic, SecurityEvent.factorRemoved).detail()).isEqualTo("phone");
  }

  @Test
  void sessionsEndedByTheCustomerByStaffAndByAPasswordChangeNameWhoEndedThem() {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    var first = new HttpSession();
    var second = new HttpSession();
    var third = new HttpSession();
    signIn(first, nic, Fixtures.PASSWORD);
    signIn(second, nic, Fixtures.PASSWORD);
    String handle = staffSessions.list(nic).get(0).handle();
    staffSessions.end(Actor.staff("staff:issuer#42", "alice", "198.51.100.2"), nic, handle);
    SecurityEntry byStaff = latest(nic, SecurityEvent.sessionEnded);
    assertThat(byStaff.actor()).isEqualTo(SecurityActor.staff);
    assertThat(byStaff.by()).isEqualTo("staff:alice");
    HttpSession.Page mine = signIn(third, nic, Fixtures.PASSWORD);

    SignedRequests.credential(keys, nic, List.of(AccessRule.of("GET", "/me")));
    assertThat(latest(nic, SecurityEvent.keyCreated)).isNotNull();
    HttpSession.Page security = third.get(url("/account/security"));
    third.submit(
        security,
        "/account/security/password",
        "current",
        Fixtures.PASSWORD,
        "password",
        "another long passphrase",
        "passwordAgain",
        "another long passphrase");
    assertThat(latest(nic, SecurityEvent.passwordChanged).reason())
        .isEqualTo(SecurityReason.currentPassword);
    for (SecurityEvent ended : List.of(SecurityEvent.sessionEnded, SecurityEvent.keyEnded)) {
      SecurityEntry e = latest(nic, ended);
      assertThat(e.actor()).isEqualTo(SecurityActor.customer);
      assertThat(e.by()).isNull();
      assertThat(e.reason()).isEqualTo(SecurityReason.afterPasswordChange);
    }
    assertThat(mine.status()).isEqualTo(200);
  }

  @Test
  void emailChangesAndOwnHandOverActionsAreRecorded() {
    Nic nic = fixtures.account();
    String fresh = "next-" + nic.value() + "@example.net";
    accounts.requestEmailChange(as(nic), fresh);
    accounts.confirmEmailChange(as(nic), fixtures.codeSentTo(fresh, MailKind.EMAIL_CHANGE_CODE));
    assertThat(latest(nic, SecurityEvent.emailChanged).actor()).isEqualTo(SecurityActor.customer);

    Nic other = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(nic);
    long set =
        changes
            .request(as(nic), s.type(), s.name(), Fixtures.wanted(tech, other))
            .orElseThrow()
            .id();
    SecurityEntry asked = latest(nic, SecurityEvent.handOver);
    assertThat(asked.reason()).isEqualTo(SecurityReason.changeRequested);
    assertThat(asked.ref()).isEqualTo(set);
    assertThat(logOf(other))
        .noneSatisfy(e -> assertThat(e.event()).isEqualTo(SecurityEvent.handOver));
  }

  @Test
  void thePageIsNewestFirstAndPagedAndTheExportsHoldEveryLine() {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    var browser = new HttpSession();
    signIn(browser, nic, Fixtures.PASSWORD);
    for (int i = 0; i < 120; i++) {
      log.record(nic, SecurityEvent.handOver, SecurityLog.Details.detail("line " + i));
    }
    long total =
        jdbc.sql("select count(*) from security_log where nic = ?")
            .param(nic.value())
            .query(Long.class)
            .single();
    HttpSession.Page page = browser.get(url("/account/security/log"));
    assertThat(page.body())
        .contains("line 119")
        .doesNotContain("line 60<")
        .contains("id=\"older\"");
    assertThat(page.body().indexOf("line 119")).isLessThan(page.body().indexOf("line 118"));
    HttpSession.Page summary = browser.get(url("/account/security"));
    assertThat(summary.body()).contains("id=\"security-log\"").contains("line 119");

    String csv = browser.get(url("/account/security/log/export.csv")).body();
    assertThat(csv.split("\r\n")).hasSize((int) total + 1);
    assertThat(csv).startsWith("\"id\",\"date\",\"event\"").contains("\"line 0\"");
    String jsonl = browser.get(url("/account/security/log/export.jsonl")).body();
    assertThat(jsonl.split("\n")).hasSize((int) total);
    assertThat(jsonl).contains("\"detail\":\"line 0\"").contains("\"method\":\"password\"");
  }

  @Test
  void aCustomerSeesOnlyTheirOwnLogOnThePageInTheExportsAndInTheApi() {
    Nic a = fixtures.accountThatSignsIn(Language.en);
    Nic b = fixtures.account();
    log.record(b, SecurityEvent.handOver, SecurityLog.Details.detail("only-b-" + b.value()));
    log.record(a, SecurityEvent.handOver, SecurityLog.Details.detail("only-a-" + a.value()));
    var browser = new HttpSession();
    signIn(browser, a, Fixtures.PASSWORD);
    for (String path :
        List.of(
            "/account/security/log",
            "/account/security/log/export.csv",
            "/account/security/log/export.jsonl")) {
      assertThat(browser.get(url(path)).body()).contains("only-a-").doesNotContain("only-b-");
    }
    var credential = SignedRequests.credential(keys, a, List.of(AccessRule.of("GET", "/me/*")));
    HttpResponse<String> api =
        SignedRequests.get(credential, url(""), "/1.0/me/securityLog", now());
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.body()).contains("only-a-").doesNotContain("only-b-");
  }

  @Test
  void theApiIsNewestFirstPagedAndRefusesABadCursorWithTheApisErrorShape() {
    Nic nic = fixtures.account();
    for (int i = 0; i < 60; i++) {
      log.record(nic, SecurityEvent.handOver, SecurityLog.Details.detail("api line " + i));
    }
    var credential = SignedRequests.credential(keys, nic, List.of(AccessRule.of("GET", "/me/*")));
    String first = SignedRequests.get(credential, url(""), "/1.0/me/securityLog", now()).body();
    assertThat(first.indexOf("api line 59")).isLessThan(first.indexOf("api line 58"));
    String next = first.replaceAll("(?s).*\"next\":(\\d+).*", "$1");
    String second =
        SignedRequests.get(credential, url(""), "/1.0/me/securityLog?before=" + next, now()).body();
    assertThat(second).contains("api line 0").doesNotContain("api line 59\"");
    HttpResponse<String> bad =
        SignedRequests.get(credential, url(""), "/1.0/me/securityLog?before=yesterday", now());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"class\":\"Client::BadRequest\"").contains("before: must be");
  }

  @Test
  void linesOlderThanTheRetentionArePurged() {
    Nic nic = fixtures.account();
    log.record(nic, SecurityEvent.handOver, SecurityLog.Details.detail("old"));
    clock.advance(Duration.ofDays(300));
    log.record(nic, SecurityEvent.handOver, SecurityLog.Details.detail("recent"));
    clock.advance(Duration.ofDays(101));
    log.purge();
    assertThat(logOf(nic))
        .extracting(SecurityEntry::detail)
        .contains("recent")
        .doesNotContain("old");
  }

  long now() {
    return clock.instant().getEpochSecond();
  }
}
