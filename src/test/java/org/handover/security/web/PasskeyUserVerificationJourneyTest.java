package org.handover.security.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import java.time.Duration;
import java.util.List;
import org.handover.support.BrowserJourneys;
import org.handover.support.Fixtures;
import org.handover.support.MutableClock;
import org.handover.support.TestClockConfiguration;
import org.handover.support.VirtualAuthenticator;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A passkey counts only when its authenticator verified the user (PIN, fingerprint): in a real
 * Chromium, with a virtual authenticator that stops verifying its user and a page that asks it not
 * to (as a tampered page or a hand-made request would), the correctly signed answer is refused by
 * the server at sign-in, as the second step after a password, and for step-up. The server runs with
 * its real session store, which keeps the options it sent between the two requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class PasskeyUserVerificationJourneyTest {

  @RegisterExtension static final BrowserJourneys browsers = new BrowserJourneys();

  @Autowired Fixtures fixtures;
  @Autowired MutableClock clock;

  private String url(String path) {
    return browsers.journey().url(path);
  }

  private void password(Page page, Nic nic) {
    page.navigate(url("/login"));
    page.fill("#login", nic.value());
    page.fill("#password", Fixtures.PASSWORD);
    page.click("form.card button[type=submit]");
  }

  /** Adds a passkey from the security page; returns the recovery codes shown. */
  private List<String> addPasskey(Page page) {
    page.navigate(url("/account/security"));
    page.click("#add-passkey");
    page.waitForURL(url("/account/security/passkey"));
    page.fill("#passkey-name", "Laptop passkey");
    page.click("#create-passkey");
    page.waitForURL(url("/account/security"));
    assertThat(page.locator("tr[data-passkey] input[name=name]")).hasValue("Laptop passkey");
    return page.locator(".recovery-code").allTextContents();
  }

  /** Proves the passkey with the button; returns the status the server answered. */
  private static int prove(Page page, String button) {
    Response answer =
        page.waitForResponse(r -> r.url().contains("/passkey/verify"), () -> page.click(button));
    return answer.status();
  }

  @Test
  void aPasskeyWhoseAuthenticatorDidNotVerifyTheUserCountsNowhere() {
    Nic a = fixtures.accountThatSignsIn(Language.en);
    Page page = browsers.journey().open("en");
    CDPSession devtools = page.context().newCDPSession(page);
    String id = VirtualAuthenticator.add(devtools);
    password(page, a);
    page.waitForURL(url("/account/contacts/services"));
    List<String> recovery = addPasskey(page);
    page.context().clearCookies();

    // the authenticator stops verifying its user, and the page asks it not to: what it signs then
    // carries "user present" only (authenticator data flags 0x01)
    JsonObject off = new JsonObject();
    off.addProperty("authenticatorId", id);
    off.addProperty("isUserVerified", false);
    devtools.send("WebAuthn.setUserVerified", off);
    page.route(
        "**/passkey/options",
        route -> {
          APIResponse sent = route.fetch();
          route.fulfill(
              new Route.FulfillOptions()
                  .setResponse(sent)
                  .setBody(sent.text().replace("\"required\"", "\"discouraged\"")));
        });

    // signing in with the passkey alone
    page.navigate(url("/login"));
    assertThat(prove(page, "#passkey-sign-in")).isEqualTo(401);
    assertThat(page.locator("#passkey-error")).isVisible();
    browsers.journey().screenshot(page, "sign-in-refused");
    page.navigate(url("/account/profile"));
    page.waitForURL(url("/login"));

    // the second step after the password
    password(page, a);
    page.waitForURL(url("/login/second-factor"));
    assertThat(prove(page, "#use-passkey")).isEqualTo(401);
    assertThat(page.locator("#passkey-error")).isVisible();
    assertThat(page).hasURL(url("/login/second-factor"));
    browsers.journey().screenshot(page, "second-step-refused");

    // step-up, once signed in another way (a recovery code)
    page.fill("#code", recovery.get(0));
    page.click("#verify");
    page.waitForURL("**/account/profile**"); // the page asked for while signed out
    clock.advance(Duration.ofMinutes(6)); // the check is no longer fresh
    page.navigate(url("/account/security/confirm?continue=/account/security"));
    assertThat(prove(page, "#use-passkey")).isEqualTo(401);
    assertThat(page.locator("#passkey-error")).isVisible();
    assertThat(page).hasURL(url("/account/security/confirm?continue=/account/security"));
    browsers.journey().screenshot(page, "step-up-refused");
  }
}
