package org.handover.apiauth.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiKeys;
import org.handover.support.Chromium;
import org.handover.support.Fixtures;
import org.handover.support.TestClockConfiguration;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A consumer key asked for with a {@code redirection}, validated in a real headless Chromium: the
 * page shows where the browser will go, and after <em>Authorise</em> the browser lands there (an
 * application's page served by a small HTTP server of the test, on another origin).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class CredentialRedirectionJourneyTest {

  static Chromium chromium;

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired ApiKeys keys;

  private HttpServer application;
  private final List<String> landed = new CopyOnWriteArrayList<>();
  private BrowserContext context;

  @BeforeAll
  static void startBrowser() {
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stopBrowser() {
    chromium.close();
  }

  @BeforeEach
  void startApplication() throws Exception {
    application = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    application.createContext(
        "/",
        exchange -> {
          landed.add(exchange.getRequestURI().toString());
          byte[] page =
              "<!DOCTYPE html><title>Application</title><h1 id=app>Back in the application</h1>"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    application.start();
  }

  @AfterEach
  void stop() {
    if (context != null) {
      context.close();
    }
    application.stop(0);
  }

  @Test
  void afterAuthorisingTheBrowserLandsOnTheApplicationsRedirection() {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String appKey =
        keys.createApplication(Actor.customer(nic, null), "Redirecting app", "")
            .application()
            .key();
    String callback =
        "http://127.0.0.1:"
            + application.getAddress().getPort()
            + "/callback?state=s-42&from=handover";
    ApiKeys.Requested requested =
        keys.requestCredential(appKey, List.of(AccessRule.of("GET", "/me")), callback);

    context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("en"));
    context.setDefaultTimeout(15_000);
    Page page = context.newPage();
    page.navigate(url("/login"));
    page.fill("#login", nic.value());
    page.fill("#password", Fixtures.PASSWORD);
    page.click("form.card button[type=submit]");
    page.waitForURL(u -> !u.contains("/login"));

    page.navigate(url("/account/api/credentials/validate?token=" + requested.validationToken()));
    assertThat(page.locator("#redirection code")).hasText(callback);
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(Path.of("target/screenshots/credential-redirection-1-review.png")));
    page.click("button[name=decision][value=validate]");

    page.waitForURL(callback);
    assertThat(page.locator("#app")).hasText("Back in the application");
    assertThat(landed).containsExactly("/callback?state=s-42&from=handover");
    assertThatThrownBy(() -> keys.pending(requested.validationToken()))
        .as("validated: no longer pending")
        .isInstanceOf(HandoverException.class);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
