package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.support.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.handover.account.Account;
import org.handover.account.AccountAdministration;
import org.handover.account.Accounts;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiKeys;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.system.Actor;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Sessions and consumer keys that end when they must, sign-in throttling by account, mail limits
 * and answers that do not tell which addresses have accounts.
 */
class AccountProtectionTest extends IntegrationTest {

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
  @Autowired Accounts accounts;
  @Autowired AccountAdministration administration;
  @Autowired ApiKeys keys;
  @Autowired Outbox outbox;
  @Autowired PasskeyRepository passkeys;
  @Autowired org.springframework.security.crypto.password.PasswordEncoder passwords;

  @Autowired
  @org.springframework.beans.factory.annotation.Qualifier("applicationTaskExecutor")
  org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor background;

  /** A browser: its session cookie, and the device cookie it was given, if any. */
  record Browser(Cookie session, Cookie device) {
    Cookie[] cookies() {
      return device == null ? new Cookie[] {session} : new Cookie[] {session, device};
    }
  }

  private MockHttpServletResponse signInRaw(String login, String password, Cookie... cookies)
      throws Exception {
    var builder =
        post("/login")
            .with(fromHere())
            .param("login", login)
            .param("password", password)
            .with(csrf());
    if (cookies.length > 0) {
      builder.cookie(cookies);
    }
    return mvc.perform(builder).andReturn().getResponse();
  }

  private Browser signIn(Nic nic) throws Exception {
    MockHttpServletResponse r = signInRaw(nic.value(), Fixtures.PASSWORD);
    assertThat(r.getRedirectedUrl()).isEqualTo("/account/contacts/services");
    return new Browser(r.getCookie("SESSION"), r.getCookie(KnownDevices.COOKIE));
  }

  private ResultActions page(Browser b, String path) throws Exception {
    return mvc.perform(get(path).cookie(b.cookies()));
  }

  private void assertSignedIn(Browser b) throws Exception {
    page(b, "/account/profile").andExpect(status().isOk());
  }

  private void assertSignedOut(Browser b) throws Exception {
    page(b, "/account/profile").andExpect(redirectedUrl("/login"));
  }

  // ---- consumer keys ---------------------------------------------------------------------

  record Key(String app, String secret, String consumer) {}

  private Key key(Nic nic) {
    var app = keys.createApplication(as(nic), "tests", "");
    var requested =
        keys.requestCredential(app.application().key(), List.of(AccessRule.of("GET", "/*")), null);
    keys.validate(as(nic), requested.validationToken(), Duration.ZERO);
    return new Key(app.application().key(), app.secret(), requested.consumerKey());
  }

  private ResultActions me(Key k) throws Exception {
    long ts = clock.instant().getEpochSecond();
    String s = k.secret() + "+" + k.consumer() + "+GET+http://localhost/1.0/me++" + ts;
    String signature =
        "$1$"
            + HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    return mvc.perform(
        request(HttpMethod.GET, "/1.0/me")
            .header("X-Ovh-Application", k.app())
            .header("X-Ovh-Consumer", k.consumer())
            .header("X-Ovh-Timestamp", String.valueOf(ts))
            .header("X-Ovh-Signature", signature));
  }

  // ---- sessions and keys end when they must ------------------------------------------------

  @Test
  void aPasswordResetEndsEverySessionAndKeyAtOnce() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    Browser old = signIn(nic);
    Key key = key(nic);
    me(key).andExpect(status().isOk()); // now cached
    assertSignedIn(old);

    mvc.perform(post("/password-reset").param("login", nic.value()).with(csrf()))
        .andExpect(status().isOk());
    String code = fixtures.codeSentTo(fixtures.email(nic), MailKind.PASSWORD_RESET);
    mvc.perform(
            post("/password-reset/confirm")
                .param("login", nic.value())
                .param("token", code)
                .param("password", "a brand new password")
                .param("passwordAgain", "a brand new password")
                .with(csrf()))
        .andExpect(redirectedUrl("/login?reset"));

    assertSignedOut(old);
    me(key).andExpect(status().isForbidden());
    fixtures.awaitMail(fixtures.email(nic), MailKind.SECURITY_PASSWORD_CHANGED);
  }

  @Test
  void suspensionRefusesTheAccountsKeysOnTheNextCallAndEndsItsSessions() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    Browser old = signIn(nic);
    Key key = key(nic);
    me(key).andExpect(status().isOk()); // now in the verified-key cache

    administration.setState(nic, Account.State.suspended, Actor.system());

    me(key).andExpect(status().isForbidden()); // no cache window
    assertSignedOut(old);
    administration.setState(nic, Account.State.active, Actor.system());
    me(key).andExpect(status().isForbidden()); // the keys stay revoked after reactivation
  }

  @Test
  void signingOutEverywhereKeepsOnlyTheBrowserThatAsked() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    Browser laptop = signIn(nic);
    Browser phone = signIn(nic);
    Key key = key(nic);
    me(key).andExpect(status().isOk());

    String page = page(phone, "/account/security").andReturn().getResponse().getContentAsString();
    assertThat(page.split("class=\"session\"", -1)).hasSize(3); // two sessions listed

    mvc.perform(post("/account/security/sign-out-everywhere").cookie(phone.cookies()).with(csrf()))
        .andExpect(redirectedUrl("/account/security"));

    assertSignedOut(laptop);
    assertSignedIn(phone);
    me(key).andExpect(status().isForbidden());
  }

  @Test
  void aPasswordChangeEndsOtherSessionsAndEveryKeyAtOnce() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    Browser laptop = signIn(nic);
    Browser phone = signIn(nic);
    Key key = key(nic);
    me(key).andExpect(status().isOk()); // now cached

    mvc.perform(
            post("/account/security/password")
                .param("current", Fixtures.PASSWORD)
                .param("password", "a brand new password")
                .param("passwordAgain", "a brand new password")
                .cookie(phone.cookies())
                .with(csrf()))
        .andExpect(redirectedUrl("/account/security"));

    assertSignedOut(laptop);
    assertSignedIn(phone);
    me(key).andExpect(status().isForbidden());
    fixtures.awaitMail(fixtures.email(nic), MailKind.SECURITY_PASSWORD_CHANGED);
  }

  @Test
  void removingASecondFactorRefusesTheAccountsKeysOnTheNextCall() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String passkey = FactorFixtures.passkeyOf(passkeys, nic, "key");
    Key key = key(nic);
    me(key).andExpect(status().isOk()); // now cached

    mvc.perform(
            post("/account/security/passkeys/" + passkey + "/remove")
                .with(FactorFixtures.customer(nic, clock.instant()))
                .with(csrf()))
        .andExpect(redirectedUrl("/account/security"));

    me(key).andExpect(status().isForbidden());
  }

  @Test
  void oneSessionAndOneKeyCanBeEndedFromTheSecurityPage() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    Browser laptop = signIn(nic);
    Browser phone = signIn(nic);
    Key kept = key(nic);
    Key revoked = key(nic);
    String page = page(phone, "/account/security").andReturn().getResponse().getContentAsString();
    var forms =
        java.util.regex.Pattern.compile("/account/security/sessions/([0-9a-f]+)/end").matcher(page);
    assertThat(forms.find()).isTrue();
    String handle = forms.group(1);

    mvc.perform(
            post("/account/security/sessions/" + handle + "/end")
                .cookie(phone.cookies())
                .with(csrf()))
        .andExpect(redirectedUrl("/account/security"));
    assertSignedOut(laptop);
    assertSignedIn(phone);

    long id =
        keys.consumerKeys(nic, 10).stream()
            .filter(k -> k.applicationName().equals("tests"))
            .findFirst()
            .orElseThrow()
            .id();
    mvc.perform(
            post("/account/security/keys/" + id + "/revoke").cookie(phone.cookies()).with(csrf()))
        .andExpect(redirectedUrl("/account/security"));
    // the newest key is listed first: it was the one revoked
    me(revoked).andExpect(status().isForbidden());
    me(kept).andExpect(status().isOk());

    // another account's session or key is not found
    Nic stranger = fixtures.accountThatSignsIn(Language.en);
    Browser other = signIn(stranger);
    mvc.perform(
            post("/account/security/keys/" + id + "/revoke").cookie(other.cookies()).with(csrf()))
        .andExpect(status().isNotFound());
    mvc.perform(
            post("/account/security/sessions/" + handle + "/end")
                .cookie(other.cookies())
                .with(csrf()))
        .andExpect(status().isNotFound());
  }

  @Test
  void theOperatorRevokesSessionsAndSeesWhetherASecondFactorExists() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    Browser b = signIn(nic);
    Key key = key(nic);
    me(key).andExpect(status().isOk());

    mvc.perform(
            get("/operator/v1/accounts/" + nic.value())
                .header("Authorization", "Bearer test-operator-token"))
        .andExpect(jsonPath("$.secondFactor").value(false));
    mvc.perform(
            post("/operator/v1/accounts/" + nic.value() + "/sessions/revoke")
                .header("Authorization", "Bearer test-operator-token"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.secondFactor").value(false));
    assertSignedOut(b);
    me(key).andExpect(status().isForbidden());
    mvc.perform(
            post("/operator/v1/accounts/zz999999-ovh/sessions/revoke")
                .header("Authorization", "Bearer test-operator-token"))
        .andExpect(status().isNotFound());
  }

  // ---- throttling ------------------------------------------------------------------------

  private String createToken(String login, String password) throws Exception {
    return mvc.perform(
            post("/createToken")
                .with(fromHere())
                .accept("application/json")
                .param("nic", login)
                .param("password", password)
                .param("applicationName", "cli")
                .param("GET", "/me"))
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  @Test
  void failuresCountPerAccountWhateverLoginNamesItAndAcrossCreateToken() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String email = fixtures.email(nic);

    assertThat(signInRaw(nic.value(), "wrong 1").getRedirectedUrl()).isEqualTo("/login?error");
    assertThat(signInRaw(email, "wrong 2").getRedirectedUrl()).isEqualTo("/login?error");
    assertThat(signInRaw(email.toUpperCase(), "wrong 3").getRedirectedUrl())
        .isEqualTo("/login?error");
    assertThat(createToken(nic.value(), "wrong 4")).contains("Wrong customer ID");
    assertThat(createToken(email, "wrong 5")).contains("Wrong customer ID");

    // five failures by four names: the account is held back, by every name and path
    assertThat(signInRaw(email, Fixtures.PASSWORD).getRedirectedUrl())
        .isEqualTo("/login?throttled");
    assertThat(signInRaw(nic.value(), Fixtures.PASSWORD).getRedirectedUrl())
        .isEqualTo("/login?throttled");
    assertThat(createToken(email, Fixtures.PASSWORD)).contains("Too many failed attempts");

    // after the delay, the right password works again
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(createToken(email, Fixtures.PASSWORD)).contains("consumerKey");
  }

  @Test
  void theDelayDoublesWithEachFurtherFailure() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    for (int i = 0; i < 5; i++) {
      signInRaw(nic.value(), "wrong " + i);
    }
    // refused attempts during the delay are not even checked, so not counted
    for (int i = 0; i < 20; i++) {
      assertThat(signInRaw(nic.value(), "wrong again").getRedirectedUrl())
          .isEqualTo("/login?throttled");
    }
    clock.advance(Duration.ofSeconds(61));
    assertThat(signInRaw(nic.value(), "wrong 6").getRedirectedUrl()).isEqualTo("/login?error");
    clock.advance(Duration.ofSeconds(61));
    assertThat(signInRaw(nic.value(), Fixtures.PASSWORD).getRedirectedUrl())
        .isEqualTo("/login?throttled"); // 2 minutes now
    clock.advance(Duration.ofSeconds(61));
    assertThat(signInRaw(nic.value(), Fixtures.PASSWORD).getRedirectedUrl())
        .isEqualTo("/account/contacts/services");
  }

  private ResultActions changePassword(Browser b, String current) throws Exception {
    return mvc.perform(
        post("/account/security/password")
            .with(fromHere())
            .param("current", current)
            .param("password", "a brand new password")
            .param("passwordAgain", "a brand new password")
            .cookie(b.cookies())
            .with(csrf()));
  }

  private boolean passwordIs(Nic nic, String password) {
    return accounts.passwordHash(nic).map(h -> passwords.matches(password, h)).orElse(false);
  }

  @Test
  void theCurrentPasswordOfThePasswordChangeIsHeldBackLikeSignIn() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    Browser stolen = signIn(nic);
    for (int i = 0; i < 5; i++) {
      changePassword(stolen, "guess " + i)
          .andExpect(redirectedUrl("/account/security"))
          .andExpect(flash().attribute("alert", "The current password is not right."));
    }
    // held back: the right current password gets the same answer as a wrong one, changes nothing
    String wrong =
        (String) changePassword(stolen, "guess again").andReturn().getFlashMap().get("alert");
    changePassword(stolen, Fixtures.PASSWORD)
        .andExpect(redirectedUrl("/account/security"))
        .andExpect(flash().attribute("alert", wrong));
    assertThat(passwordIs(nic, Fixtures.PASSWORD)).isTrue();
    // the same count as signing in: the account is held back there too
    assertThat(signInRaw(nic.value(), Fixtures.PASSWORD).getRedirectedUrl())
        .isEqualTo("/login?throttled");

    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    changePassword(stolen, Fixtures.PASSWORD)
        .andExpect(
            flash()
                .attribute(
                    "notice", org.hamcrest.Matchers.startsWith("Your password is changed.")));
    assertThat(passwordIs(nic, "a brand new password")).isTrue();
  }

  @Test
  void aStrangerCannotLockTheOwnerOutOfABrowserThatSignedInBefore() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    Browser owner = signIn(nic);
    assertThat(owner.device()).isNotNull();

    for (int i = 0; i < 10; i++) {
      signInRaw(fixtures.email(nic), "stranger " + i);
    }
    assertThat(signInRaw(nic.value(), Fixtures.PASSWORD).getRedirectedUrl())
        .isEqualTo("/login?throttled");
    assertThat(signInRaw(nic.value(), Fixtures.PASSWORD, owner.device()).getRedirectedUrl())
        .isEqualTo("/account/contacts/services");
  }

  // ---- mail limits and answers that tell nothing ------------------------------------------

  @Test
  void twentyFiveEmailChangesSendAtMostTheConfiguredNumberOfCodes() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    Browser b = signIn(nic);
    long before = outbox.lastId();
    for (int i = 0; i < 25; i++) {
      mvc.perform(
          post("/account/profile/email")
              .param("email", "victim-" + i + "-" + nic.value() + "@example.org")
              .cookie(b.cookies())
              .with(csrf()));
    }
    var sent = outbox.after(before);
    assertThat(sent.stream().filter(m -> m.kind() == MailKind.EMAIL_CHANGE_CODE)).hasSize(3);
    assertThat(sent).hasSizeLessThanOrEqualTo(6); // each code with one notice to the owner

    // and one address cannot be flooded from many accounts either
    String victim = "one-victim-" + nic.value() + "@example.org";
    for (int i = 0; i < 5; i++) {
      Browser other = signIn(fixtures.accountThatSignsIn(Language.en));
      mvc.perform(
          post("/account/profile/email")
              .param("email", victim)
              .cookie(other.cookies())
              .with(csrf()));
    }
    assertThat(
            outbox.after(before).stream()
                .filter(m -> m.kind() == MailKind.EMAIL_CHANGE_CODE)
                .filter(m -> m.recipientEmail().equals(victim)))
        .hasSize(3);
  }

  private static String normalised(String page, String typed) {
    return page.replace(typed, "TYPED")
        .replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "")
        .replaceAll("content=\"[0-9a-f-]{20,}\"", "");
  }

  private String signUp(String email) throws Exception {
    return mvc.perform(
            post("/signup")
                .param("email", email)
                .param("firstName", "Eve")
                .param("lastName", "Probe")
                .param("language", "en")
                .param("password", "long enough password")
                .param("passwordAgain", "long enough password")
                .with(
                    request -> {
                      request.setRemoteAddr("198.51.100." + (email.length() % 200));
                      return request;
                    })
                .with(csrf()))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  @Test
  void signUpAnswersTheSameForAKnownAddressAndEmailsItsHolder() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.it);
    String known = fixtures.email(nic);
    String unknown = "nobody-" + System.nanoTime() + "@example.org";
    long accountsBefore = accounts.count();

    String[] pages = {normalised(signUp(known), known), normalised(signUp(unknown), unknown)};

    assertThat(pages[0]).isEqualTo(pages[1]);
    var notice = fixtures.awaitMail(known, MailKind.SIGNUP_EXISTING);
    assertThat(notice.recipientNic()).isEqualTo(nic.value());
    assertThat(notice.language()).isEqualTo("it");
    fixtures.awaitMail(unknown, MailKind.ACCOUNT_CREATED);
    assertThat(accounts.count()).isEqualTo(accountsBefore + 1);
  }

  @Test
  void passwordResetAnswersTheSameForKnownAndUnknownLoginsWithoutTouchingTheAccount()
      throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String unknown = "nobody-" + System.nanoTime() + "@example.org";
    String a =
        mvc.perform(post("/password-reset").param("login", nic.value()).with(csrf()))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String b =
        mvc.perform(post("/password-reset").param("login", unknown).with(csrf()))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(normalised(a, nic.value())).isEqualTo(normalised(b, unknown));

    // timing: the request thread does no work that depends on the account. With every
    // background thread held, the answer for a known login still comes, and no code is written
    // until the background work is let go.
    Nic other = fixtures.accountThatSignsIn(Language.en);
    long before = outbox.lastId();
    whileBackgroundHeld(
        () -> {
          mvc.perform(post("/password-reset").param("login", other.value()).with(csrf()))
              .andExpect(status().isOk());
          assertThat(outbox.after(before)).isEmpty();
        });
    fixtures.awaitMail(fixtures.email(other), MailKind.PASSWORD_RESET);
  }

  interface Step {
    void run() throws Exception;
  }

  /** Runs the step while every background thread is busy, then lets them go. */
  private void whileBackgroundHeld(Step step) throws Exception {
    var held = new java.util.concurrent.CountDownLatch(1);
    int threads = background.getCorePoolSize();
    var started = new java.util.concurrent.CountDownLatch(threads);
    for (int i = 0; i < threads; i++) {
      background.execute(
          () -> {
            started.countDown();
            try {
              held.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
    try {
      started.await();
      step.run();
    } finally {
      held.countDown();
    }
  }
}
