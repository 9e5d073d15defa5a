package org.handover.apiauth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiKeys;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.system.Language;
import org.handover.system.Messages;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

/** The panel side of the API: applications, credential validation, /createToken, OpenAPI. */
class ApiPagesTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired ApiKeys keys;

  @Test
  void anApplicationsSecretIsShownOnceAndStoredSealed() throws Exception {
    Nic nic = fixtures.account();
    String page =
        mvc.perform(
                post("/account/api/applications")
                    .param("name", "my tool")
                    .param("description", "scripts")
                    .with(user(nic.value()).roles("CUSTOMER"))
                    .with(csrf()))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    Matcher secret = Pattern.compile("id=\"new-application-secret\">([A-Za-z0-9]+)<").matcher(page);
    assertThat(secret.find()).isTrue();
    mvc.perform(get("/account/api/applications").with(user(nic.value()).roles("CUSTOMER")))
        .andExpect(content().string(containsString("my tool")))
        .andExpect(content().string(not(containsString(secret.group(1)))));
    assertThat(
            fixtures.sql(
                "select count(*) from api_applications where secret_sealed like ?",
                "%" + secret.group(1) + "%"))
        .isZero();
  }

  @Test
  void anOverLongDescriptionIsRefusedByNameAndLimitCreatesNothingAndKeepsWhatWasTyped()
      throws Exception {
    Nic nic = fixtures.account();
    String longDescription = "d".repeat(501);
    String page =
        mvc.perform(
                post("/account/api/applications")
                    .param("name", "typed tool")
                    .param("description", longDescription)
                    .locale(java.util.Locale.FRENCH)
                    .with(user(nic.value()).roles("CUSTOMER"))
                    .with(csrf()))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("Description\u202f: 500 caractères au maximum.")
        .contains("value=\"typed tool\"")
        .contains("value=\"" + longDescription + "\"");
    assertThat(keys.applications(nic)).isEmpty();
  }

  @Test
  void aCustomerValidatesACredentialWithAValidity() throws Exception {
    Nic nic = fixtures.account();
    ApiKeys.NewApplication app = keys.createApplication(Fixtures.as(nic), "tool", "");
    ApiKeys.Requested requested =
        keys.requestCredential(
            app.application().key(),
            List.of(AccessRule.of("GET", "/me")),
            "https://example.org/back");

    mvc.perform(
            get("/account/api/credentials/validate")
                .param("token", requested.validationToken())
                .with(user(nic.value()).roles("CUSTOMER")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("GET /me")));
    mvc.perform(
            post("/account/api/credentials/validate")
                .param("token", requested.validationToken())
                .param("validity", "86400")
                .param("decision", "validate")
                .with(user(nic.value()).roles("CUSTOMER"))
                .with(csrf()))
        .andExpect(redirectedUrl("https://example.org/back"));
    mvc.perform(
            get("/account/api/credentials/validate")
                .param("token", requested.validationToken())
                .with(user(nic.value()).roles("CUSTOMER")))
        .andExpect(status().isNotFound());
  }

  @Test
  void aValidityBeyondTenYearsIsAPageSayingTheLimitInTheReadersLanguage() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.de);
    ApiKeys.NewApplication app = keys.createApplication(Fixtures.as(nic), "tool", "");
    ApiKeys.Requested requested =
        keys.requestCredential(app.application().key(), List.of(AccessRule.of("GET", "/me")), null);

    mvc.perform(
            post("/account/api/credentials/validate")
                .param("token", requested.validationToken())
                .param("validity", "999999999999")
                .param("decision", "validate")
                .header("Accept-Language", "de")
                .with(user(nic.value()).roles("CUSTOMER"))
                .with(csrf()))
        .andExpect(status().isBadRequest())
        .andExpect(
            content()
                .string(
                    containsString(
                        HtmlUtils.htmlEscape(
                            Messages.format(
                                Locale.GERMAN,
                                "api.error.validity",
                                ApiKeys.MAX_VALIDITY.toSeconds())))));
    assertThat(keys.pending(requested.validationToken()).state()).isNotEqualTo("validated");
  }

  @Test
  void createTokenReturnsValidatedKeysAsJsonAndIsThrottled() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    mvc.perform(get("/createToken").param("GET", "/me/*").param("POST", "/domain/*"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("value=\"/me/*\"")))
        .andExpect(content().string(containsString("value=\"/domain/*\"")));
    mvc.perform(
            post("/createToken")
                .header("Accept", "application/json")
                .param("nic", nic.value())
                .param("password", Fixtures.PASSWORD)
                .param("applicationName", "script")
                .param("applicationDescription", "cron")
                .param("validity", "0")
                .param("GET", "/me"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.applicationKey").isString())
        .andExpect(jsonPath("$.applicationSecret").isString())
        .andExpect(jsonPath("$.consumerKey").isString());
    for (int i = 0; i < 5; i++) {
      mvc.perform(
              post("/createToken")
                  .header("Accept", "application/json")
                  .param("nic", nic.value())
                  .param("password", "wrong")
                  .param("applicationName", "x")
                  .param("GET", "/me"))
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.class").value("Client::Forbidden"));
    }
    mvc.perform(
            post("/createToken")
                .header("Accept", "application/json")
                .param("nic", nic.value())
                .param("password", Fixtures.PASSWORD)
                .param("applicationName", "x")
                .param("GET", "/me"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.message").value(containsString("Too many")));
  }

  @Test
  void theServerPublishesAnOpenApiDocumentOfTheCustomerApi() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.openapi").value(org.hamcrest.Matchers.startsWith("3.")))
        .andExpect(jsonPath("$.paths['/1.0/me/task/contactChange/{id}/accept']").exists())
        .andExpect(jsonPath("$.paths['/1.0/hosting/web/{name}/changeContact']").exists())
        .andExpect(jsonPath("$.paths['/1.0/auth/credential']").exists())
        // Handover's own extension, marked as such
        .andExpect(
            jsonPath("$.paths['/1.0/me/contactChangeSet'].post.summary")
                .value(containsString("Handover extension")))
        .andExpect(jsonPath("$.paths['/1.0/me/contactChangeSet/{id}'].get").exists())
        .andExpect(content().string(not(containsString("credentialId\",\"in\":\"query"))));
    mvc.perform(get("/api-docs.html")).andExpect(status().is3xxRedirection());
  }
}
