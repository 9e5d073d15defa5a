package org.handover.staff.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.handover.catalog.HostedService;
import org.handover.contact.ContactRole;
import org.handover.staff.StaffConsoleSettings;
import org.handover.support.BrowserJourneys;
import org.handover.support.ChangeUseCases;
import org.handover.support.Fixtures;
import org.handover.support.TestClockConfiguration;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import testidp.TestIdentityProvider;

/**
 * Every console page as a supervisor reads it, in each of the five languages, on a desktop (1280
 * px) and a phone (390 px): nothing runs off the side of the screen, no message key is shown in
 * place of words, and a screenshot of each is kept in {@code target/screenshots} to look at.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class, ChangeUseCases.class})
class ConsoleSweepTest {

  static final TestIdentityProvider IDP = TestIdentityProvider.start();
  @RegisterExtension static final BrowserJourneys browsers = new BrowserJourneys();

  @DynamicPropertySource
  static void identityProvider(DynamicPropertyRegistry registry) {
    StaffConsoleSettings.register(registry, IDP);
  }

  @Autowired Fixtures fixtures;
  @Autowired ChangeUseCases changes;

  @BeforeEach
  void allowRedirect() {
    IDP.allowRedirect(browsers.journey().url("/operator/console/login/oauth2/code/staff"));
  }

  private Page signIn(String language) {
    Page page = browsers.journey().open(language);
    page.navigate(browsers.journey().url("/operator/console?lang=" + language));
    page.click("#sign-in-provider");
    page.fill("#username", "sam");
    page.fill("#password", TestIdentityProvider.PASSWORD);
    page.click("button[type=submit]");
    page.waitForURL(Pattern.compile(".*/operator/console(\\?.*)?$"));
    return page;
  }

  @Test
  void everyConsolePageFitsBothWidthsInEveryLanguage() {
    Nic holder = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(holder);
    long request =
        changes
            .request(
                Fixtures.as(holder),
                s.type(),
                s.name(),
                Fixtures.wanted(ContactRole.tech, fixtures.account()))
            .orElseThrow()
            .id();
    // the beginning of the name in capitals, as staff type what a customer reads out
    String partial = s.name().substring(0, 8).toUpperCase();
    List<String> paths =
        List.of(
            "/operator/console?q=" + partial,
            "/operator/console?q=" + holder.value(),
            "/operator/console/accounts/" + holder.value(),
            "/operator/console/services/domain/" + s.name(),
            "/operator/console/requests/" + request,
            "/operator/console/cases",
            "/operator/console/cases/new?type=domain&name=" + s.name());
    List<String> findings = new ArrayList<>();
    for (Language language : Language.values()) {
      Page page = signIn(language.name());
      for (int width : new int[] {1280, 390}) {
        page.setViewportSize(width, width == 390 ? 844 : 900);
        for (String path : paths) {
          page.navigate(browsers.journey().url(path));
          String where = language + " " + width + " " + path;
          Object overflow =
              page.evaluate(
                  "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
          if (((Number) overflow).intValue() > 1) {
            findings.add(where + ": " + overflow + " px wider than the screen");
          }
          if (path.contains("?q=" + partial) && page.locator("#services a").count() == 0) {
            findings.add(where + ": the service is not found by the start of its name");
          }
          if (page.content().contains("??")) {
            findings.add(where + ": a message key instead of words");
          }
          browsers
              .journey()
              .screenshot(page, language + "-" + width + "-" + path.replaceAll("[^a-z]+", "-"));
        }
      }
    }
    assertThat(findings).isEmpty();
  }
}
