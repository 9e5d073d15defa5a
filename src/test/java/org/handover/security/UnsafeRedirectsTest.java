package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.support.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * After a step-up, {@code continue} leads only to a path of this site, whatever it hides: tabs and
 * line breaks a browser drops, backslashes it reads as slashes, encoded forms of either.
 */
class UnsafeRedirectsTest extends IntegrationTest {

  /** Decoded as a servlet hands them over (a {@code %09} in the link arrives as a tab). */
  static final List<String> HOSTILE =
      List.of(
          "/\t/evil.example",
          "/\n/evil.example",
          "/\r/evil.example",
          "/\r\n/evil.example",
          "/\\evil.example",
          "/\\/evil.example",
          "\\\\evil.example",
          "//evil.example",
          "/%09/evil.example",
          "/%0A/evil.example",
          "/%0d/evil.example",
          "/%2F/evil.example",
          "/%5Cevil.example",
          "/%252F/evil.example",
          "/\u0000/evil.example",
          " //evil.example",
          "https://evil.example/",
          "javascript:alert(1)",
          "/\u3000/evil.example");

  @Autowired MockMvc mvc;
  @Autowired SecondFactors factors;

  private final Totp totp = Totp.standard();

  /** Signs in with the password and a code from the authenticator; returns the session cookie. */
  private Cookie signedIn(Nic nic, String secret) throws Exception {
    clock.advance(Duration.ofSeconds(30));
    Cookie pending =
        mvc.perform(
                post("/login")
                    .param("login", nic.value())
                    .param("password", Fixtures.PASSWORD)
                    .with(csrf()))
            .andReturn()
            .getResponse()
            .getCookie("SESSION");
    var second =
        mvc.perform(
                post("/login/second-factor")
                    .param("code", totp.code(secret, clock.instant()))
                    .cookie(pending)
                    .with(csrf()))
            .andExpect(redirectedUrl("/account/contacts/services"))
            .andReturn()
            .getResponse();
    return second.getCookie("SESSION") == null ? pending : second.getCookie("SESSION");
  }

  @Test
  void theStepUpCheckSendsNowhereButThisSite() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String secret = Totp.newSecret();
    factors.enrolTotp(as(nic), "phone", secret, totp.code(secret, clock.instant()));
    Cookie session = signedIn(nic, secret);
    for (String target : HOSTILE) {
      clock.advance(Duration.ofSeconds(30)); // each step's code is usable once
      var response =
          mvc.perform(
                  post("/account/security/confirm")
                      .param("code", totp.code(secret, clock.instant()))
                      .param("continue", target)
                      .cookie(session)
                      .with(csrf()))
              .andReturn()
              .getResponse();
      session = response.getCookie("SESSION") == null ? session : response.getCookie("SESSION");
      String location = response.getRedirectedUrl();
      assertThat(location).as(target).isEqualTo("/account/contacts/services");
    }
  }

  @Test
  void theCheckPageKeepsNoHostileTarget() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    for (String target : HOSTILE) {
      String page =
          mvc.perform(
                  get("/account/security/confirm")
                      .param("continue", target)
                      .with(FactorFixtures.customer(nic, clock.instant())))
              .andReturn()
              .getResponse()
              .getContentAsString();
      assertThat(page).as(target).doesNotContain("evil.example");
    }
  }

  @Test
  void aPathOfThisSiteIsFollowed() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String secret = Totp.newSecret();
    factors.enrolTotp(as(nic), "phone", secret, totp.code(secret, clock.instant()));
    Cookie session = signedIn(nic, secret);
    clock.advance(Duration.ofSeconds(30));
    String location =
        mvc.perform(
                post("/account/security/confirm")
                    .param("code", totp.code(secret, clock.instant()))
                    .param("continue", "/account/contacts/requests?state=todo&q=a%20b")
                    .cookie(session)
                    .with(csrf()))
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    assertThat(location).isEqualTo("/account/contacts/requests?state=todo&q=a%20b");
  }
}
