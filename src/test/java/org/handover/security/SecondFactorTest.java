package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.support.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import org.handover.catalog.HostedService;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.support.ChangeUseCases;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Signing in with a second factor, recovery codes, step-up before handing things over. */
class SecondFactorTest extends IntegrationTest {

  /**
   * Each test signs in from its own client address, so that failures of one test do not hold back
   * the next by the per-address limit.
   */
  private final String address =
      "10.13."
          + java.util.concurrent.ThreadLocalRandom.current().nextInt(256)
          + "."
          + java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255);

  private org.springframework.test.web.servlet.request.RequestPostProcessor fromHere() {
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }

  @Autowired MockMvc mvc;
  @Autowired SecondFactors factors;
  @Autowired ChangeUseCases changes;
  @Autowired Outbox outbox;

  private final Totp totp = Totp.standard();

  record Enrolled(Nic nic, String secret, List<String> recoveryCodes) {}

  private Enrolled enrolled() {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String secret = Totp.newSecret();
    List<String> codes =
        factors.enrolTotp(as(nic), "phone", secret, totp.code(secret, clock.instant()));
    clock.advance(Duration.ofSeconds(30)); // the enrolment used this step's code
    return new Enrolled(nic, secret, codes);
  }

  private String code(Enrolled e) {
    return totp.code(e.secret(), clock.instant());
  }

  /** Signs in with the password; returns the pending session cookie. */
  private Cookie password(Nic nic) throws Exception {
    MockHttpServletResponse r =
        mvc.perform(
                post("/login")
                    .with(fromHere())
                    .param("login", nic.value())
                    .param("password", Fixtures.PASSWORD)
                    .with(csrf()))
            .andExpect(redirectedUrl("/login/second-factor"))
            .andReturn()
            .getResponse();
    return r.getCookie("SESSION");
  }

  /** Passes the second step; returns the (new) session cookie. */
  private Cookie secondStep(Cookie session, String code) throws Exception {
    MockHttpServletResponse r =
        mvc.perform(
                post("/login/second-factor")
                    .with(fromHere())
                    .param("code", code)
                    .cookie(session)
                    .with(csrf()))
            .andExpect(redirectedUrl("/account/contacts/services"))
            .andReturn()
            .getResponse();
    return r.getCookie("SESSION") == null ? session : r.getCookie("SESSION");
  }

  @Test
  void signInAsksForTheCodeAndThePasswordAloneReachesNothing() throws Exception {
    Enrolled e = enrolled();
    Cookie pending = password(e.nic());

    mvc.perform(get("/account/profile").cookie(pending))
        .andExpect(redirectedUrl("/login/second-factor"));
    mvc.perform(get("/account/security").cookie(pending))
        .andExpect(redirectedUrl("/login/second-factor"));
    mvc.perform(
            post("/login/second-factor")
                .with(fromHere())
                .param("code", "000000")
                .cookie(pending)
                .with(csrf()))
        .andExpect(redirectedUrl("/login/second-factor?error"));

    Cookie session = secondStep(pending, code(e));
    mvc.perform(get("/account/profile").cookie(session)).andExpect(status().isOk());
    // the same code does not work twice
    Cookie again = password(e.nic());
    mvc.perform(
            post("/login/second-factor")
                .with(fromHere())
                .param("code", code(e))
                .cookie(again)
                .with(csrf()))
        .andExpect(redirectedUrl("/login/second-factor?error"));
  }

  @Test
  void theSecondStepShowsNoPanelMenuButOffersToCancel() throws Exception {
    Enrolled e = enrolled();
    Cookie pending = password(e.nic());
    String page =
        mvc.perform(get("/login/second-factor").cookie(pending))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .as("a person not signed in yet sees no menu of pages that lead back here")
        .doesNotContain("class=\"main\"", "details class=\"account\"", e.nic().value())
        .contains("id=\"cancel-sign-in\"");
    mvc.perform(post("/logout").with(fromHere()).cookie(pending).with(csrf()))
        .andExpect(status().is3xxRedirection());
    mvc.perform(get("/login/second-factor").cookie(pending)).andExpect(status().is3xxRedirection());
  }

  @Test
  void aRecoveryCodeWorksOnceAndTellsTheAccount() throws Exception {
    Enrolled e = enrolled();
    assertThat(e.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
    String recovery = e.recoveryCodes().get(3);

    secondStep(password(e.nic()), recovery.toUpperCase());
    fixtures.awaitMail(fixtures.email(e.nic()), MailKind.SECURITY_RECOVERY_CODE_USED);
    assertThat(factors.unusedRecoveryCodes(e.nic())).isEqualTo(9);

    mvc.perform(
            post("/login/second-factor")
                .with(fromHere())
                .param("code", recovery)
                .cookie(password(e.nic()))
                .with(csrf()))
        .andExpect(redirectedUrl("/login/second-factor?error"));
    // stored as digests only
    assertThat(
            fixtures.sql(
                "select count(*) from recovery_codes where code_digest = ?",
                recovery.replace("-", "")))
        .isZero();
  }

  @Test
  void creatingAContactChangeNeedsAFreshSecondFactor() throws Exception {
    Enrolled e = enrolled();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(e.nic());
    String confirm = "/account/contacts/services/domain/" + s.name() + "/edit/confirm";
    String edit = "http://localhost/account/contacts/services/domain/" + s.name() + "/edit";
    Cookie session = secondStep(password(e.nic()), code(e));

    clock.advance(Duration.ofMinutes(6)); // past the step-up window
    mvc.perform(
            post(confirm)
                .param("tech", x.value())
                .header("Referer", edit)
                .cookie(session)
                .with(csrf()))
        .andExpect(
            redirectedUrl(
                "/account/security/confirm?continue=%2Faccount%2Fcontacts%2Fservices%2Fdomain%2F"
                    + s.name()
                    + "%2Fedit"));
    assertThat(changes.taskIdsInvolving(e.nic(), null, null, null)).isEmpty();

    var confirmed =
        mvc.perform(
                post("/account/security/confirm")
                    .param("code", code(e))
                    .param("continue", "/account/contacts/services/domain/" + s.name() + "/edit")
                    .cookie(session)
                    .with(csrf()))
            .andExpect(redirectedUrl("/account/contacts/services/domain/" + s.name() + "/edit"))
            .andReturn()
            .getResponse();
    Cookie fresh =
        confirmed.getCookie("SESSION") == null ? session : confirmed.getCookie("SESSION");
    mvc.perform(post(confirm).param("tech", x.value()).cookie(fresh).with(csrf()))
        .andExpect(redirectedUrlPattern("/account/contacts/requests/*"));
    assertThat(changes.taskIdsInvolving(e.nic(), null, null, null)).hasSize(1);
  }

  @Test
  void stepUpSendsNowhereButThisSite() throws Exception {
    Enrolled e = enrolled();
    Cookie session = secondStep(password(e.nic()), code(e));
    clock.advance(Duration.ofSeconds(30));
    mvc.perform(
            post("/account/security/confirm")
                .param("code", code(e))
                .param("continue", "//evil.example/")
                .cookie(session)
                .with(csrf()))
        .andExpect(redirectedUrl("/account/contacts/services"));
  }

  @Test
  void removingTheFactorEndsOtherSessionsAndTellsTheAccount() throws Exception {
    Enrolled e = enrolled();
    Cookie first = secondStep(password(e.nic()), code(e));
    clock.advance(Duration.ofSeconds(30));
    Cookie second = secondStep(password(e.nic()), code(e));
    long id = factors.list(e.nic()).get(0).id();

    mvc.perform(post("/account/security/factors/" + id + "/remove").cookie(second).with(csrf()))
        .andExpect(redirectedUrl("/account/security"));

    mvc.perform(get("/account/profile").cookie(first)).andExpect(redirectedUrl("/login"));
    mvc.perform(get("/account/profile").cookie(second)).andExpect(status().isOk());
    assertThat(factors.enrolled(e.nic())).isFalse();
    assertThat(factors.unusedRecoveryCodes(e.nic())).isZero();
    fixtures.awaitMail(fixtures.email(e.nic()), MailKind.SECURITY_FACTOR_REMOVED);
    fixtures.awaitMail(fixtures.email(e.nic()), MailKind.SECURITY_FACTOR_ADDED);
    mvc.perform(
            get("/operator/v1/accounts/" + e.nic().value())
                .header("Authorization", "Bearer test-operator-token"))
        .andExpect(jsonPath("$.secondFactor").value(false));
  }

  @Test
  void createTokenNeedsTheCodeOfAnAccountWithASecondFactor() throws Exception {
    Enrolled e = enrolled();
    var withoutCode =
        mvc.perform(
                post("/createToken")
                    .with(fromHere())
                    .accept("application/json")
                    .param("nic", e.nic().value())
                    .param("password", Fixtures.PASSWORD)
                    .param("applicationName", "cli")
                    .param("GET", "/me"))
            .andExpect(status().isForbidden());
    mvc.perform(
            post("/createToken")
                .with(fromHere())
                .accept("application/json")
                .param("nic", e.nic().value())
                .param("password", Fixtures.PASSWORD)
                .param("code", code(e))
                .param("applicationName", "cli")
                .param("GET", "/me"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.consumerKey").exists());
    mvc.perform(
            get("/operator/v1/accounts/" + e.nic().value())
                .header("Authorization", "Bearer test-operator-token"))
        .andExpect(jsonPath("$.secondFactor").value(true))
        .andExpect(jsonPath("$.secret").doesNotExist());
    assertThat(withoutCode).isNotNull();
  }

  private String signInRaw(Nic nic, String password) throws Exception {
    return mvc.perform(
            post("/login")
                .with(fromHere())
                .param("login", nic.value())
                .param("password", password)
                .with(csrf()))
        .andReturn()
        .getResponse()
        .getRedirectedUrl();
  }

  @Test
  void anAccountWithASecondFactorIsHeldBackAndItsRightPasswordTellsNothingMeanwhile()
      throws Exception {
    Enrolled e = enrolled();
    for (int i = 0; i < 5; i++) {
      assertThat(signInRaw(e.nic(), "wrong " + i)).isEqualTo("/login?error");
    }
    // held back: the right password gets the answer a wrong one gets, never the second step
    String wrong = signInRaw(e.nic(), "wrong again");
    assertThat(signInRaw(e.nic(), Fixtures.PASSWORD))
        .isEqualTo(wrong)
        .isEqualTo("/login?throttled");
    for (int i = 0; i < 50; i++) {
      assertThat(signInRaw(e.nic(), i % 10 == 0 ? Fixtures.PASSWORD : "guess " + i))
          .isEqualTo("/login?throttled");
    }

    // once the delay is over, the password and a code sign in
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    Cookie session = secondStep(password(e.nic()), code(e));
    mvc.perform(get("/account/profile").cookie(session)).andExpect(status().isOk());
  }

  @Test
  void enrolmentInThePanelShowsTheSecretOnceAndNeedsAWorkingCode() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.fr);
    Cookie session =
        mvc.perform(
                post("/login")
                    .with(fromHere())
                    .param("login", nic.value())
                    .param("password", Fixtures.PASSWORD)
                    .with(csrf()))
            .andReturn()
            .getResponse()
            .getCookie("SESSION");
    String page =
        mvc.perform(get("/account/security/totp").cookie(session))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    var m = java.util.regex.Pattern.compile("id=\"totp-secret\">([A-Z2-7 ]+)<").matcher(page);
    assertThat(m.find()).isTrue();
    String secret = m.group(1).replace(" ", "");

    mvc.perform(
            post("/account/security/totp")
                .param("name", "phone")
                .param("code", "123456")
                .cookie(session)
                .with(csrf()))
        .andExpect(redirectedUrl("/account/security/totp"));
    assertThat(factors.enrolled(nic)).isFalse();

    mvc.perform(
            post("/account/security/totp")
                .param("name", "phone")
                .param("code", totp.code(secret, clock.instant()))
                .cookie(session)
                .with(csrf()))
        .andExpect(redirectedUrl("/account/security"));
    assertThat(factors.enrolled(nic)).isTrue();
    var notice = fixtures.awaitMail(fixtures.email(nic), MailKind.SECURITY_FACTOR_ADDED);
    assertThat(notice.language()).isEqualTo("fr");
  }
}
