package org.handover.account.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.support.PanelSlice.SignedIn.customer;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

import java.time.Instant;
import java.util.Locale;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.account.AddressConfirmation;
import org.handover.account.ProfileChanges;
import org.handover.support.PanelSlice;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

/**
 * The profile page's answers as a slice: which notice or refusal the next page shows, in which
 * language, and when the field for the emailed code stays open. The use cases behind it are mocked;
 * they run on a real database in {@code ControlPanelTest} and {@code SecurityLogTest}.
 */
@PanelSlice(ProfileController.class)
class ProfileControllerTest {

  private static final Nic ME = new Nic("aa111111-ovh");

  @Autowired MockMvc mvc;

  @MockitoBean Accounts accounts;
  @MockitoBean ProfileChanges changes;
  @MockitoBean AddressConfirmation confirmation;

  private static Account speaking(Language language) {
    return new Account(
        ME,
        "me@example.test",
        true,
        "Ada",
        "Lovelace",
        null,
        language,
        Account.State.active,
        0,
        "EUR",
        Instant.EPOCH);
  }

  /** A refusal as the use cases throw them: a kind and a message key. */
  private static HandoverException refusal(String key) {
    return new HandoverException(HandoverException.Kind.BAD_REQUEST, key) {};
  }

  @Test
  void savingTheProfileSwitchesThePanelToItsLanguageAndSaysSoInIt() throws Exception {
    when(changes.updateProfile(any(Actor.class), eq("Ada"), eq("Lovelace"), eq(""), any()))
        .thenReturn(speaking(Language.it));

    mvc.perform(
            post("/account/profile")
                .param("firstName", "Ada")
                .param("lastName", "Lovelace")
                .param("organisation", "")
                .param("language", "it")
                .with(customer(ME)))
        .andExpect(redirectedUrl("/account/profile"))
        .andExpect(flash().attribute("notice", "Il tuo profilo è stato salvato."))
        .andExpect(
            request()
                .sessionAttribute(
                    SessionLocaleResolver.LOCALE_SESSION_ATTRIBUTE_NAME, Locale.ITALIAN));
  }

  @Test
  void aRefusedProfileComesBackWithTheReasonInTheReadersLanguage() throws Exception {
    when(changes.updateProfile(any(Actor.class), any(), any(), any(), any()))
        .thenThrow(refusal("error.throttled"));

    mvc.perform(
            post("/account/profile")
                .param("firstName", "Ada")
                .param("lastName", "Lovelace")
                .param("language", "en")
                .header("Accept-Language", "it")
                .with(customer(ME)))
        .andExpect(redirectedUrl("/account/profile"))
        .andExpect(
            flash()
                .attribute("alert", "Troppi tentativi da qui. Attendi un quarto d’ora e riprova."))
        // what was typed comes back with the reason (issue 29: nothing typed is lost)
        .andExpect(flash().attribute("firstName", "Ada"))
        .andExpect(flash().attribute("lastName", "Lovelace"))
        .andExpect(flash().attribute("organisation", ""))
        .andExpect(flash().attributeCount(4));
  }

  @Test
  void aWrongEmailCodeKeepsTheCodeFieldOpen() throws Exception {
    doThrow(refusal("account.code.invalid"))
        .when(changes)
        .confirmEmailChange(any(Actor.class), eq("0000-0000"));

    mvc.perform(
            post("/account/profile/email/confirm").param("code", "0000-0000").with(customer(ME)))
        .andExpect(redirectedUrl("/account/profile"))
        .andExpect(
            flash()
                .attribute(
                    "alert",
                    "This code is not valid: it may be wrong, used, or expired. Ask for a new one."))
        .andExpect(flash().attribute("awaitingCode", true))
        .andExpect(flash().attribute("typedCode", "0000-0000"));
  }

  /** A refused email change or code comes back with what was typed in its field (issue 29). */
  @Test
  void aRefusedEmailChangeKeepsTheAddressTypedAndTheCodeTyped() throws Exception {
    when(accounts.require(ME)).thenReturn(speaking(Language.en));
    doThrow(refusal("error.throttled"))
        .when(changes)
        .requestEmailChange(any(Actor.class), eq("new@example.test"));

    mvc.perform(
            post("/account/profile/email").param("email", "new@example.test").with(customer(ME)))
        .andExpect(redirectedUrl("/account/profile"))
        .andExpect(flash().attribute("typedEmail", "new@example.test"));

    String page =
        mvc.perform(
                get("/account/profile")
                    .flashAttr("typedEmail", "new@example.test")
                    .flashAttr("awaitingCode", true)
                    .flashAttr("typedCode", "1234-567")
                    .with(customer(ME)))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .containsPattern("id=\"newEmail\"[^>]*value=\"new@example.test\"")
        .containsPattern("id=\"emailCode\"[^>]*value=\"1234-567\"");
  }

  @Test
  void aRightEmailCodeClosesTheCodeField() throws Exception {
    mvc.perform(
            post("/account/profile/email/confirm").param("code", "1234-5678").with(customer(ME)))
        .andExpect(redirectedUrl("/account/profile"))
        .andExpect(flash().attribute("notice", "Your email address has been changed."))
        .andExpect(flash().attributeCount(1));
  }
}
