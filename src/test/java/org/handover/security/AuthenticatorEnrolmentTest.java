package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Adding an authenticator app: the key is shown as a QR code drawn on the server and in groups of
 * four, and it stays the same (with the name typed) after a wrong code and across a step-up, until
 * the app is added or the enrolment is cancelled.
 */
class AuthenticatorEnrolmentTest extends IntegrationTest {

  private static final Pattern KEY = Pattern.compile("id=\"totp-secret\">([A-Z2-7 ]+)<");

  @Autowired MockMvc mvc;
  @Autowired SecondFactors factors;

  private final Totp totp = Totp.standard();

  private Cookie signIn(Nic nic) throws Exception {
    return mvc.perform(
            post("/login")
                .param("login", nic.value())
                .param("password", Fixtures.PASSWORD)
                .with(csrf()))
        .andReturn()
        .getResponse()
        .getCookie("SESSION");
  }

  private String page(Cookie session) throws Exception {
    return mvc.perform(get("/account/security/totp").cookie(session))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  private static String key(String page) {
    Matcher m = KEY.matcher(page);
    assertThat(m.find()).as("the key on the page").isTrue();
    return m.group(1);
  }

  private ResultActions send(Cookie session, String name, String code) throws Exception {
    return mvc.perform(
        post("/account/security/totp")
            .param("name", name)
            .param("code", code)
            .cookie(session)
            .with(csrf()));
  }

  @Test
  void theKeyIsAQrCodeAndGroupsOfFour() throws Exception {
    Cookie session = signIn(fixtures.accountThatSignsIn(Language.en));
    String page = page(session);
    assertThat(key(page)).matches("([A-Z2-7]{4} )+[A-Z2-7]{1,4}");
    assertThat(page).contains("<svg").contains("<path d=\"M");
  }

  @Test
  void aWrongCodeKeepsTheKeyAndTheNameTyped() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    Cookie session = signIn(nic);
    String key = key(page(session));

    send(session, "Work phone", "000000").andExpect(redirectedUrl("/account/security/totp"));
    String again = page(session);

    assertThat(key(again)).isEqualTo(key);
    assertThat(again).contains("value=\"Work phone\"");
    String secret = key.replace(" ", "");
    send(session, "Work phone", totp.code(secret, clock.instant()))
        .andExpect(redirectedUrl("/account/security"));
    assertThat(factors.enrolled(nic)).isTrue();
  }

  @Test
  void cancellingForgetsTheKey() throws Exception {
    Cookie session = signIn(fixtures.accountThatSignsIn(Language.en));
    String key = key(page(session));
    mvc.perform(post("/account/security/totp/cancel").cookie(session).with(csrf()))
        .andExpect(redirectedUrl("/account/security"));
    assertThat(key(page(session))).isNotEqualTo(key);
  }

  @Test
  void aStepUpInTheMiddleKeepsTheKeyAndTheNameTyped() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String first = Totp.newSecret();
    factors.enrolTotp(Fixtures.as(nic), "phone", first, totp.code(first, clock.instant()));
    clock.advance(Duration.ofSeconds(30));
    Cookie pending = signIn(nic);
    Cookie session =
        mvc.perform(
                post("/login/second-factor")
                    .param("code", totp.code(first, clock.instant()))
                    .cookie(pending)
                    .with(csrf()))
            .andReturn()
            .getResponse()
            .getCookie("SESSION");
    session = session == null ? pending : session;
    String key = key(page(session));

    clock.advance(Duration.ofMinutes(30));
    send(session, "Tablet", "000000")
        .andExpect(redirectedUrlPattern("/account/security/confirm?continue=*"));
    clock.advance(Duration.ofSeconds(30));
    Cookie renewed =
        mvc.perform(
                post("/account/security/confirm")
                    .param("code", totp.code(first, clock.instant()))
                    .cookie(session)
                    .with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getCookie("SESSION");

    String after = page(renewed == null ? session : renewed);
    assertThat(key(after)).isEqualTo(key);
    assertThat(after).contains("value=\"Tablet\"");
  }
}
