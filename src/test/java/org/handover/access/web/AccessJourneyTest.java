package org.handover.access.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import org.handover.access.AccessDecisions;
import org.handover.catalog.HostedService;
import org.handover.support.BrowserJourneys;
import org.handover.support.Fixtures;
import org.handover.support.TestClockConfiguration;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Sharing a service from the panel in a real headless Chromium: the administrator gives a colleague
 * the technical actions for a week from the service's Access page, the colleague finds it in
 * "Shared with me" and in My services' filter, the operator's answer follows, and the administrator
 * revokes it. Screenshots under target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class AccessJourneyTest {

  @RegisterExtension static final BrowserJourneys browsers = new BrowserJourneys();

  @Autowired Fixtures fixtures;
  @Autowired AccessDecisions decisions;

  private Page signIn(Nic nic, String language) {
    Page page = browsers.journey().open(language);
    page.navigate(browsers.journey().url("/login"));
    page.fill("#login", nic.value());
    page.fill("#password", Fixtures.PASSWORD);
    page.click("form.card button[type=submit]");
    page.waitForURL(browsers.journey().url("/account/contacts/services"));
    return page;
  }

  private boolean colleagueMay(Nic colleague, HostedService s, String action) {
    return decisions.decide(colleague, action, s.type().name() + "/" + s.name()).allowed();
  }

  @Test
  void anAdministratorSharesTechnicalActionsForAWeekTheColleagueSeesThemAndTheyAreRevoked() {
    Nic admin = fixtures.accountThatSignsIn(Language.en);
    Nic colleague = fixtures.accountThatSignsIn(Language.fr);
    HostedService s = fixtures.serviceOwnedBy(admin);
    String record = "domain:apiovh:zone/record/create";

    Page owner = signIn(admin, "en");
    owner.navigate(browsers.journey().url("/account/contacts/services/domain/" + s.name()));
    owner.click("#access-link");
    owner.waitForURL("**/access");
    assertThat(owner.locator("#implicit")).containsText(admin.value());
    assertThat(owner.locator("#no-policies")).isVisible();
    browsers.journey().screenshot(owner, "access-empty");
    owner.fill("#grantee", colleague.value());
    owner.check("#category-OPERATE");
    owner.selectOption("#duration", "P7D");
    owner.click("#share-submit");
    owner.waitForURL("**/" + s.name() + "/access");
    assertThat(owner.locator(".banner.ok")).containsText(colleague.value());
    assertThat(owner.locator("#policies .grantee")).containsText(colleague.value());
    browsers.journey().screenshot(owner, "access-shared");
    assertThat(colleagueMay(colleague, s, record)).isTrue();
    assertThat(colleagueMay(colleague, s, "domain:apiovh:authInfo/get")).isFalse();

    Page mate = signIn(colleague, "fr");
    mate.navigate(browsers.journey().url("/account/access/shared"));
    assertThat(mate.locator("#shared .shared-service")).containsText(s.name());
    assertThat(mate.locator("#shared")).containsText(admin.value());
    browsers.journey().screenshot(mate, "shared-with-me");
    mate.navigate(browsers.journey().url("/account/contacts/services"));
    mate.click("#filter-shared");
    assertThat(mate.locator("#shared-services")).containsText(s.name());
    assertThat(mate.locator("#shared-services .tag.shared")).containsText(admin.value());
    browsers.journey().screenshot(mate, "my-services-shared");

    owner.click("#policies .revoke-open");
    owner.click("#policies button.revoke");
    owner.waitForURL("**/" + s.name() + "/access");
    assertThat(owner.locator("#no-policies")).isVisible();
    browsers.journey().screenshot(owner, "access-revoked");
    assertThat(colleagueMay(colleague, s, record)).isFalse();

    mate.navigate(browsers.journey().url("/account/access/shared"));
    assertThat(mate.locator("#nothing-shared")).isVisible();
    browsers.journey().screenshot(mate, "shared-after-revoke");
  }
}
