package org.handover.apiauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Locale;
import org.handover.support.IntegrationTest;
import org.handover.support.SignedRequests;
import org.handover.support.SignedRequests.Credential;
import org.handover.system.Language;
import org.handover.system.Messages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * API errors speak English, as the reference API does, unless the caller's {@code Accept-Language}
 * names one of Handover's languages; {@code class}, {@code errorCode} and {@code httpCode} (what
 * the official clients read) are the same in every language.
 */
class ApiErrorLanguageTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired ApiKeys keys;

  @Test
  void anEdgeRefusalIsInTheLanguageAskedForWithTheSameCode() throws Exception {
    mvc.perform(get("/1.0/me"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.errorCode").value("NOT_CREDENTIAL"))
        .andExpect(
            jsonPath("$.message")
                .value(
                    "This call needs X-Ovh-Application, X-Ovh-Consumer, X-Ovh-Timestamp and"
                        + " X-Ovh-Signature"));
    mvc.perform(get("/1.0/me").header("Accept-Language", "de-DE,de;q=0.9,en;q=0.5"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.class").value("Client::Forbidden"))
        .andExpect(jsonPath("$.errorCode").value("NOT_CREDENTIAL"))
        .andExpect(jsonPath("$.httpCode").value("403 Forbidden"))
        .andExpect(
            jsonPath("$.message")
                .value(
                    "Dieser Aufruf braucht X-Ovh-Application, X-Ovh-Consumer, X-Ovh-Timestamp und"
                        + " X-Ovh-Signature"));
    for (Language language : Language.values()) {
      mvc.perform(get("/1.0/me").header("Accept-Language", language.name()))
          .andExpect(jsonPath("$.errorCode").value("NOT_CREDENTIAL"))
          .andExpect(
              jsonPath("$.message")
                  .value(Messages.format(language.locale(), "api.error.missingHeaders")));
    }
  }

  @Test
  void aDomainRefusalIsInTheLanguageAskedForAndEnglishOtherwise() throws Exception {
    Credential c =
        SignedRequests.credential(keys, fixtures.account(), List.of(AccessRule.of("GET", "/*")));
    String path = "/1.0/me/task/contactChange/987654321";

    mvc.perform(call(c, path).header("Accept-Language", "es"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.errorCode").value("NOT_FOUND"))
        .andExpect(
            jsonPath("$.message")
                .value(
                    "La solicitud de cambio de contacto n.º 987654321 no está entre sus"
                        + " solicitudes."));
    mvc.perform(call(c, path).header("Accept-Language", "it-CH"))
        .andExpect(
            jsonPath("$.message")
                .value("La richiesta di cambio contatto n. 987654321 non è tra le tue richieste."));
    String english = "Contact change request #987654321 is not among your requests.";
    mvc.perform(call(c, path)).andExpect(jsonPath("$.message").value(english));
    mvc.perform(call(c, path).header("Accept-Language", "ja, zh;q=0.8"))
        .andExpect(jsonPath("$.message").value(english));
    mvc.perform(call(c, path).header("Accept-Language", "not a language tag ;;; q=x"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.message").value(english));
  }

  private MockHttpServletRequestBuilder call(Credential c, String path) {
    return SignedRequests.signed(c, "GET", path, null, clock.instant().getEpochSecond());
  }

  @Test
  void theFirstOfOurLanguagesInTheCallersListWins() {
    assertThat(ApiLanguage.of("pt-BR, es;q=0.5, fr;q=0.4")).isEqualTo(Locale.forLanguageTag("es"));
    assertThat(ApiLanguage.of("fr-CA")).isEqualTo(Locale.forLanguageTag("fr"));
    assertThat(ApiLanguage.of("*")).isEqualTo(Locale.ENGLISH);
    assertThat(ApiLanguage.of((String) null)).isEqualTo(Locale.ENGLISH);
    assertThat(ApiLanguage.of("x".repeat(500))).isEqualTo(Locale.ENGLISH);
  }
}
