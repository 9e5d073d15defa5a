package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.support.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiKeys;
import org.handover.support.IntegrationTest;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The Security page's actions that cannot be undone — signing out everywhere else (which also
 * revokes every API consumer key), removing a second factor (which does too) and revoking one
 * consumer key — first open a question that says what will happen; only its button posts.
 */
class SecurityPageAsksFirstTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired SecondFactors factors;
  @Autowired ApiKeys keys;

  @Test
  void everyActionThatCannotBeUndoneAsksFirstInEveryLanguage() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String secret = Totp.newSecret();
    factors.enrolTotp(as(nic), "phone", secret, Totp.standard().code(secret, clock.instant()));
    var app = keys.createApplication(as(nic), "deploy-bot", "");
    var requested =
        keys.requestCredential(app.application().key(), List.of(AccessRule.of("GET", "/*")), null);
    keys.validate(as(nic), requested.validationToken(), Duration.ZERO);

    for (Language language : Language.values()) {
      String html =
          mvc.perform(
                  get("/account/security")
                      .locale(Locale.forLanguageTag(language.name()))
                      .with(FactorFixtures.customer(nic, clock.instant())))
              .andReturn()
              .getResponse()
              .getContentAsString();
      for (String action :
          List.of(
              "/account/security/sign-out-everywhere\"",
              "/account/security/factors/\\d+/remove\"",
              "/account/security/keys/\\d+/revoke\"")) {
        Matcher found = Pattern.compile("action=\"" + action).matcher(html);
        assertThat(found.find()).as("%s: %s is on the page", language, action).isTrue();
        int form = found.start();
        int details = html.lastIndexOf("<details class=\"confirm\">", form);
        assertThat(details).as("%s: %s sits in a question", language, action).isPositive();
        assertThat(html.substring(details, form))
            .as("%s: %s's question is still open before its form", language, action)
            .doesNotContain("</details>");
        String question = html.substring(form, html.indexOf("</details>", form));
        assertThat(question).as("%s: %s says what happens", language, action).contains("<p>");
      }
    }
    String english =
        mvc.perform(get("/account/security").with(FactorFixtures.customer(nic, clock.instant())))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(english)
        .contains("Sign out everywhere else?")
        .contains("Remove “phone”?")
        .contains("Revoke the consumer key of “deploy-bot”?");
  }
}
