package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.handover.support.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.handover.mail.MailKind;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The passkey endpoints around Spring Security's relying party: a passkey counts as a second
 * factor, no account reaches another's passkey by its id, every endpoint needs the CSRF token, bad
 * or unasked answers from a browser are refused with a 4xx and change nothing, and removing the
 * last passkey follows the rules of removing an authenticator app. (Real registrations and
 * assertions are made by Chromium's virtual authenticator in {@code SecurityJourneysTest}.)
 */
class PasskeyTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired Passkeys passkeys;
  @Autowired SecondFactors factors;
  @Autowired PasskeyRepository repository;

  private String passkeyOf(Nic nic, String name) {
    return FactorFixtures.passkeyOf(repository, nic, name);
  }

  /** A signed-in customer whose second-factor check was {@code ago}. */
  private RequestPostProcessor customer(Nic nic, Duration ago) {
    return FactorFixtures.customer(nic, clock.instant().minus(ago));
  }

  private RequestPostProcessor fresh(Nic nic) {
    return customer(nic, Duration.ZERO);
  }

  @Test
  void aPasskeyIsASecondFactorForSignInAndStepUp() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    passkeyOf(nic, "phone");
    assertThat(factors.enrolled(nic)).isTrue();
    mvc.perform(
            get("/operator/v1/accounts/" + nic.value())
                .header("Authorization", "Bearer test-operator-token"))
        .andExpect(jsonPath("$.secondFactor").value(true));

    var pending =
        mvc.perform(
                post("/login")
                    .param("login", nic.value())
                    .param("password", Fixtures.PASSWORD)
                    .with(csrf()))
            .andExpect(redirectedUrl("/login/second-factor"))
            .andReturn()
            .getResponse()
            .getCookie("SESSION");
    mvc.perform(get("/account/profile").cookie(pending))
        .andExpect(redirectedUrl("/login/second-factor"));
    mvc.perform(get("/login/second-factor").cookie(pending))
        .andExpect(content().string(containsString("id=\"use-passkey\"")));

    // a stale check: adding another passkey (or anything marked step-up) asks for a fresh one
    mvc.perform(
            post("/account/security/passkey/options")
                .with(customer(nic, Duration.ofMinutes(6)))
                .with(csrf()))
        .andExpect(redirectedUrlPattern("/account/security/confirm?continue=*"));
    mvc.perform(post("/account/security/passkey/options").with(fresh(nic)).with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.challenge").isString())
        .andExpect(jsonPath("$.user.name").value(nic.value()))
        .andExpect(jsonPath("$.excludeCredentials.length()").value(1));
  }

  @Test
  void noAccountReachesAnotherAccountsPasskeyByItsId() throws Exception {
    Nic owner = fixtures.accountThatSignsIn(Language.en);
    Nic stranger = fixtures.accountThatSignsIn(Language.en);
    String id = passkeyOf(owner, "owner's key");
    passkeyOf(stranger, "stranger's key");

    mvc.perform(
            post("/account/security/passkeys/" + id + "/rename")
                .param("name", "mine now")
                .with(fresh(stranger))
                .with(csrf()))
        .andExpect(status().isNotFound());
    mvc.perform(
            post("/account/security/passkeys/" + id + "/remove").with(fresh(stranger)).with(csrf()))
        .andExpect(status().isNotFound());
    assertThat(passkeys.list(owner))
        .extracting(Passkeys.Passkey::name)
        .containsExactly("owner's key");

    // the stranger's page lists only their own
    mvc.perform(get("/account/security").with(fresh(stranger)))
        .andExpect(content().string(not(containsString(id))));

    // the owner renames it; a blank name is refused and changes nothing
    mvc.perform(
            post("/account/security/passkeys/" + id + "/rename")
                .param("name", "  ")
                .with(fresh(owner))
                .with(csrf()))
        .andExpect(redirectedUrl("/account/security"));
    mvc.perform(
            post("/account/security/passkeys/" + id + "/rename")
                .param("name", "Office key")
                .with(fresh(owner))
                .with(csrf()))
        .andExpect(redirectedUrl("/account/security"));
    assertThat(passkeys.list(owner))
        .extracting(Passkeys.Passkey::name)
        .containsExactly("Office key");
  }

  @Test
  void aNameTooLongOrBlankIsRefusedWithAMessageThatSaysWhatANameNeeds() throws Exception {
    Nic owner = fixtures.accountThatSignsIn(Language.en);
    String id = passkeyOf(owner, "owner's key");

    mvc.perform(
            post("/account/security/passkeys/" + id + "/rename")
                .param("name", "k".repeat(101))
                .with(fresh(owner))
                .with(csrf()))
        .andExpect(flash().attribute("alert", "Name: at most 100 characters."));
    mvc.perform(
            post("/account/security/passkeys/" + id + "/rename")
                .param("name", " ")
                .with(fresh(owner))
                .with(csrf()))
        .andExpect(flash().attribute("alert", "Give it a name (up to 100 characters)."));
    assertThat(passkeys.list(owner))
        .extracting(Passkeys.Passkey::name)
        .containsExactly("owner's key");
  }

  @Test
  void everyPasskeyEndpointNeedsTheCsrfToken() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String id = passkeyOf(nic, "key");
    mvc.perform(post("/passkey/options")).andExpect(status().isForbidden());
    mvc.perform(post("/passkey/verify").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isForbidden());
    mvc.perform(post("/account/security/passkey/options").with(fresh(nic)))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/account/security/passkey")
                .with(fresh(nic))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/account/security/passkeys/" + id + "/rename")
                .param("name", "x")
                .with(fresh(nic)))
        .andExpect(status().isForbidden());
    mvc.perform(post("/account/security/passkeys/" + id + "/remove").with(fresh(nic)))
        .andExpect(status().isForbidden());
    assertThat(passkeys.list(nic)).extracting(Passkeys.Passkey::name).containsExactly("key");
  }

  @Test
  void aBadOrUnaskedRegistrationIsRefusedAndStoresNothing() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    MockHttpSession session = new MockHttpSession();
    String forged =
        "{\"label\":\"key\",\"credential\":{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\","
            + "\"response\":{\"attestationObject\":\"AAAA\",\"clientDataJSON\":\"AAAA\","
            + "\"transports\":[]},\"clientExtensionResults\":{}}}";

    // no options were asked for in this session: nothing to answer
    mvc.perform(
            post("/account/security/passkey")
                .session(session)
                .with(fresh(nic))
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content(forged))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").isString());

    mvc.perform(
            post("/account/security/passkey/options")
                .session(session)
                .with(fresh(nic))
                .with(csrf()))
        .andExpect(status().isOk());
    for (String body : new String[] {"not json", "{}", forged}) {
      mvc.perform(
              post("/account/security/passkey")
                  .session(session)
                  .with(fresh(nic))
                  .with(csrf())
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(body))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.message").isString());
    }
    assertThat(passkeys.list(nic)).isEmpty();
    assertThat(factors.enrolled(nic)).isFalse();
  }

  @Test
  void aForgedAssertionSignsNobodyIn() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String id = passkeyOf(nic, "key");
    MockHttpSession session = new MockHttpSession();
    String forged =
        "{\"id\":\""
            + id
            + "\",\"rawId\":\""
            + id
            + "\",\"type\":\"public-key\",\"response\":{\"authenticatorData\":\"AAAA\","
            + "\"clientDataJSON\":\"AAAA\",\"signature\":\"AAAA\"},\"clientExtensionResults\":{}}";

    // without a challenge asked for first
    mvc.perform(
            post("/passkey/verify")
                .session(session)
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content(forged))
        .andExpect(status().isUnauthorized());

    mvc.perform(post("/passkey/options").session(session).with(csrf()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.userVerification").value("required"))
        .andExpect(jsonPath("$.allowCredentials.length()").value(0));
    for (String body : new String[] {"not json", forged}) {
      mvc.perform(
              post("/passkey/verify")
                  .session(session)
                  .with(csrf())
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(body))
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.message").isString());
    }
    mvc.perform(get("/account/profile").session(session)).andExpect(redirectedUrl("/login"));
  }

  @Test
  void removingTheLastPasskeyEndsOtherSessionsAndTellsTheAccount() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String id = passkeyOf(nic, "only key");
    factors.regenerateRecoveryCodes(as(nic));
    Cookie other =
        mvc.perform(
                post("/login")
                    .param("login", nic.value())
                    .param("password", Fixtures.PASSWORD)
                    .with(csrf()))
            .andExpect(redirectedUrl("/login/second-factor"))
            .andReturn()
            .getResponse()
            .getCookie("SESSION");

    mvc.perform(
            post("/account/security/passkeys/" + id + "/remove")
                .with(customer(nic, Duration.ofMinutes(6)))
                .with(csrf()))
        .andExpect(redirectedUrlPattern("/account/security/confirm?continue=*"));
    assertThat(passkeys.list(nic)).hasSize(1); // a stale check removes nothing

    mvc.perform(post("/account/security/passkeys/" + id + "/remove").with(fresh(nic)).with(csrf()))
        .andExpect(redirectedUrl("/account/security"));

    assertThat(passkeys.list(nic)).isEmpty();
    assertThat(factors.enrolled(nic)).isFalse();
    assertThat(factors.unusedRecoveryCodes(nic)).isZero();
    mvc.perform(get("/login/second-factor").cookie(other)).andExpect(redirectedUrl("/login"));
    fixtures.awaitMail(fixtures.email(nic), MailKind.SECURITY_FACTOR_REMOVED);
  }
}
