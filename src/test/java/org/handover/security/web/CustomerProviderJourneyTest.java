package org.handover.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.catalog.HostedService;
import org.handover.security.CustomerProviderSettings;
import org.handover.support.BrowserJourney;
import org.handover.support.BrowserJourneys;
import org.handover.support.Fixtures;
import org.handover.support.TestClockConfiguration;
import org.handover.system.Nic;
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
 * A customer of a provider that runs Handover with {@code handover.customers.sign-in=oidc}, in a
 * real headless Chromium: the panel sends them to the provider's own sign-in page, they come back
 * signed in to their services, the Security page's log shows the provider sign-in with the
 * provider's second factor and the browser by name, and signing out ends the provider's session
 * too. Screenshots in {@code target/screenshots/aCustomerSignsInThroughTheProvider-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class CustomerProviderJourneyTest {

  static final TestIdentityProvider IDP = TestIdentityProvider.start();
  @RegisterExtension static final BrowserJourneys browsers = new BrowserJourneys();

  @DynamicPropertySource
  static void identityProvider(DynamicPropertyRegistry registry) {
    CustomerProviderSettings.register(registry, IDP, "oidc", false);
  }

  @Autowired Fixtures fixtures;
  @Autowired SecurityLog log;

  @Test
  void aCustomerSignsInThroughTheProvider() {
    Nic nic = fixtures.account();
    HostedService service = fixtures.serviceOwnedBy(nic);
    IDP.customer(
        "journey-" + nic.value(),
        Map.of(
            "customer_id", nic.value(),
            "email", fixtures.email(nic),
            "email_verified", true,
            "amr", List.of("pwd", "otp")));
    BrowserJourney journey = browsers.journey();
    IDP.allowRedirect(journey.url("/login/oauth2/code/customer"));
    IDP.allowPostLogoutRedirect(journey.url("/login?logout"));
    Page page = journey.open("en");
    page.navigate(journey.url("/account/contacts/services"));
    page.waitForURL("http://127.0.0.1:*/login");
    journey.screenshot(page, "provider-sign-in-page");
    page.fill("#username", "journey-" + nic.value());
    page.fill("#password", TestIdentityProvider.CUSTOMER_PASSWORD);
    page.click("button[type=submit]");
    page.waitForURL(Pattern.compile(".*/account/contacts/services(\\?.*)?$"));
    assertThat(page.content()).contains(service.name()).contains(nic.value());
    journey.screenshot(page, "my-services");

    page.navigate(journey.url("/account/security"));
    var signIn = page.locator("#security-log tr[data-event=signIn]").first();
    assertThat(signIn.isVisible()).isTrue();
    assertThat(page.locator("form[action='/account/security/password']").count()).isZero();
    String row = signIn.innerText();
    assertThat(row).contains("provider sign-in").contains("provider’s second factor");
    assertThat(row).containsPattern(Pattern.compile("Chrome.* on Linux"));
    journey.screenshot(page, "security-log");

    page.click("details.account summary"); // the account menu under the customer ID
    page.click("details.account form[action$='/logout'] button");
    page.waitForURL(journey.url("/login?logout"));
    assertThat(page.content()).contains("You are signed out");
    journey.screenshot(page, "signed-out");
    // the provider's session ended too: the panel asks for the provider's password again
    page.navigate(journey.url("/account/contacts/services"));
    page.waitForURL("http://127.0.0.1:*/login");
    assertThat(page.locator("#password").isVisible()).isTrue();
    assertThat(log.page(nic, null).entries())
        .extracting(e -> e.event())
        .contains(SecurityEvent.signIn, SecurityEvent.signOut);
  }
}
