package org.handover.account.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The sign-up and profile forms: an over-long value is refused with its field and limit, changes
 * nothing, and the form comes back with what was typed (never a password); each field carries the
 * same limit as its {@code maxlength}.
 */
class AccountFormLimitsTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired Accounts accounts;

  private static RequestPostProcessor signedIn(Nic nic) {
    return user(nic.value()).roles("CUSTOMER");
  }

  @Test
  void anOverLongFirstNameOnTheProfileIsNamedWithItsLimitAndTheFormKeepsWhatWasTyped()
      throws Exception {
    Nic me = fixtures.account();
    Account before = accounts.require(me);
    String longName = "A".repeat(101);

    var refused =
        mvc.perform(
                post("/account/profile")
                    .param("firstName", longName)
                    .param("lastName", "Typedlast")
                    .param("organisation", "Typed Org")
                    .param("language", "en")
                    .with(signedIn(me))
                    .with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andExpect(flash().attribute("alert", "First name: at most 100 characters."))
            .andReturn();

    assertThat(accounts.require(me)).isEqualTo(before);
    String page =
        mvc.perform(
                get("/account/profile")
                    .cookie(refused.getResponse().getCookies())
                    .with(signedIn(me)))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .contains("value=\"" + longName + "\"")
        .contains("value=\"Typedlast\"")
        .contains("value=\"Typed Org\"")
        .contains("maxlength=\"100\"")
        .contains("maxlength=\"200\"");
  }

  @Test
  void anOverLongOrganisationIsNamedInItalian() throws Exception {
    Nic me = fixtures.account();

    mvc.perform(
            post("/account/profile")
                .param("firstName", "Ada")
                .param("lastName", "Lovelace")
                .param("organisation", "O".repeat(201))
                .param("language", "it")
                .locale(Locale.ITALIAN)
                .with(signedIn(me))
                .with(csrf()))
        .andExpect(flash().attribute("alert", "Organizzazione: al massimo 200 caratteri."));
  }

  @Test
  void anOverLongNameAtSignUpIsReportedWithItsLimitAndEverythingButThePasswordComesBack()
      throws Exception {
    long before = fixtures.sql("select count(*) from accounts");
    String longName = "B".repeat(101);
    String page =
        mvc.perform(
                post("/signup")
                    .param("email", "typed-" + System.nanoTime() + "@example.org")
                    .param("firstName", "Typedfirst")
                    .param("lastName", longName)
                    .param("organisation", "Typed Org")
                    .param("language", "en")
                    .param("password", "a long typed password")
                    .param("passwordAgain", "a long typed password")
                    .with(csrf()))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("Enter your last name, on one line (up to 100 characters).")
        .contains("value=\"" + longName + "\"")
        .contains("value=\"Typedfirst\"")
        .contains("value=\"Typed Org\"")
        .contains("maxlength=\"320\"")
        .contains("maxlength=\"128\"")
        .doesNotContain("a long typed password");
    assertThat(fixtures.sql("select count(*) from accounts")).isEqualTo(before);
  }

  @Test
  void anOrganisationTakesTheColumnsTwoHundredCharactersAtSignUpAsInTheProfile() throws Exception {
    String signupPage = mvc.perform(get("/signup")).andReturn().getResponse().getContentAsString();
    assertThat(signupPage).containsPattern("id=\"organisation\"[^>]*maxlength=\"200\"");
    mvc.perform(
            post("/signup")
                .param("email", "org-" + System.nanoTime() + "@example.org")
                .param("firstName", "Ada")
                .param("lastName", "Lovelace")
                .param("organisation", "O".repeat(150))
                .param("language", "en")
                .param("password", "a long typed password")
                .param("passwordAgain", "a long typed password")
                .with(csrf()))
        .andExpect(status().isOk());
    String refused =
        mvc.perform(
                post("/signup")
                    .param("email", "org-" + System.nanoTime() + "@example.org")
                    .param("firstName", "Ada")
                    .param("lastName", "Lovelace")
                    .param("organisation", "O".repeat(201))
                    .param("language", "en")
                    .param("password", "a long typed password")
                    .param("passwordAgain", "a long typed password")
                    .with(csrf()))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(refused)
        .contains("Organisation: one line of up to 200 characters, or leave it empty.");
  }
}
