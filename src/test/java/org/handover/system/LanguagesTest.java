package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.handover.support.SignedRequests.signed;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.handover.account.Accounts;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiKeys;
import org.handover.mail.MailKind;
import org.handover.mail.MailTemplates;
import org.handover.support.IntegrationTest;
import org.handover.support.SignedRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * German and Spanish are chosen like the other languages: offered at sign-up, taken by the operator
 * API (which names the accepted ones when refusing another), given by {@code /me} as the reference
 * API names them, and used for the account's emails.
 */
class LanguagesTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired Accounts accounts;
  @Autowired ApiKeys keys;
  @Autowired MailTemplates templates;

  @Test
  void signUpOffersEveryLanguageInItsOwnName() throws Exception {
    String page =
        mvc.perform(get("/signup").param("lang", "es"))
            .andExpect(content().string(containsString("Crear una cuenta")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .containsPattern("value=\"de\"\\s*>Deutsch</option>")
        .containsPattern("value=\"es\"\\s*selected=\"selected\"\\s*>Español</option>")
        .containsPattern("value=\"fr\"\\s*>Français</option>");
  }

  @Test
  void aSpanishSignUpGetsItsEmailInSpanish() throws Exception {
    String email = "nueva-" + System.nanoTime() + "@example.org";
    mvc.perform(
            post("/signup")
                .param("email", email)
                .param("firstName", "Lucía")
                .param("lastName", "Navarro")
                .param("language", "es")
                .param("password", "una contraseña larga")
                .param("passwordAgain", "una contraseña larga")
                .with(csrf()))
        .andExpect(status().isOk());
    var mail = fixtures.awaitMail(email, MailKind.ACCOUNT_CREATED);
    assertThat(mail.language()).isEqualTo("es");
    assertThat(templates.render(mail).subject()).startsWith("Su ID de cliente de ");
    assertThat(accounts.findForSignIn(email).orElseThrow().language()).isEqualTo(Language.es);
  }

  @Test
  void theOperatorApiTakesGermanAndNamesTheLanguagesWhenRefusingAnother() throws Exception {
    String body =
        "{\"email\":\"greta-%d@example.org\",\"firstName\":\"Greta\",\"lastName\":\"Schneider\","
            + "\"language\":\"%s\"}";
    mvc.perform(operator(String.format(body, System.nanoTime(), "de")))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.language").value("de"));
    String refused = String.format(body, System.nanoTime(), "pt");
    mvc.perform(operator(refused))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value(containsString("en, it, fr, de, es")));
    assertThat(accounts.findForSignIn(refused.replaceAll(".*\"(greta-[^\"]+)\".*", "$1")))
        .isEmpty();
  }

  @Test
  void meGivesTheLanguageAsTheReferenceApiNamesIt() throws Exception {
    for (Language language : List.of(Language.de, Language.es)) {
      var credential =
          SignedRequests.credential(
              keys, fixtures.account(language), List.of(AccessRule.of("GET", "/*")));
      mvc.perform(signed(credential, "GET", "/1.0/me", null, clock.instant().getEpochSecond()))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.language").value(language.referenceName()));
    }
  }

  private static org.springframework.test.web.servlet.RequestBuilder operator(String json) {
    return post("/operator/v1/accounts")
        .header("Authorization", "Bearer test-operator-token")
        .contentType("application/json")
        .content(json);
  }
}
