package org.handover.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.handover.support.Chromium;
import org.handover.support.Fixtures;
import org.handover.support.H2Database;
import org.handover.support.TestClockConfiguration;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Security page and the security log in a real Chromium, in every language at 1280 and 390 px,
 * and the console's view of the same log: addresses in their canonical form, "By" in words (never a
 * stored identity or a reason), no stacked label beside an empty value, nothing scrolling sideways.
 * Each page is saved under target/screenshots/seclog-*.png to be looked at.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "handover.demo.enabled=true")
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class SecurityLogPagesBrowserTest {

  private static final int DESKTOP = 1280;
  private static final int PHONE = 390;

  static Chromium chromium;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    H2Database.register(registry, "security-log-pages");
  }

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;

  @BeforeAll
  static void startBrowser() {
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stopBrowser() {
    chromium.close();
  }

  /** Lines of every kind a log holds, as Handover writes them, some from an IPv6 client. */
  private void history(Nic nic) {
    line(nic, "accountCreated", "provider", "provider", null, null, null, null);
    line(nic, "signIn", "customer", null, null, null, "0:0:0:0:0:0:0:1", "Firefox 133 on Windows");
    line(nic, "factorAdded", "customer", null, null, null, "0:0:0:0:0:0:0:1", null);
    line(nic, "keyCreated", "customer", null, "apiKey", 3L, "2001:db8:0:0:0:0:0:7", null);
    line(nic, "emailChanged", "operator", "ops-billing-7", null, null, null, null);
    line(nic, "sessionEnded", "staff", "staff:Sam", null, null, "0:0:0:0:0:ffff:c000:280", null);
    line(nic, "passwordChanged", "customer", null, "currentPassword", null, "::1", null);
    line(nic, "sessionEnded", "customer", null, "afterPasswordChange", null, "::1", null);
    line(nic, "keyEnded", "customer", null, "afterPasswordChange", null, "::1", null);
    line(nic, "handOver", "customer", null, "changeAccepted", 12L, "203.0.113.7", null);
    line(nic, "recoveryCodeUsed", "customer", null, "codesLeft", 7L, "203.0.113.7", null);
    line(nic, "signOut", "customer", null, null, null, "203.0.113.7", "Chrome 120 on Linux");
  }

  private void line(
      Nic nic,
      String event,
      String actor,
      String by,
      String reason,
      Long ref,
      String address,
      String browser) {
    jdbc.sql(
            "insert into security_log (nic, at, event, method, actor, by_whom, reason, ref_number,"
                + " address, browser, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            nic.value(),
            Timestamp.from(java.time.Instant.now()),
            event,
            "signIn".equals(event) ? "password" : null,
            actor,
            by,
            reason,
            ref,
            address,
            browser,
            "factorAdded".equals(event) ? "Pixel" : null)
        .update();
  }

  @Test
  void theSecurityPageAndLogReadWellInEveryLanguageAtBothWidths() {
    List<String> problems = new ArrayList<>();
    for (Language language : Language.values()) {
      Nic me = fixtures.accountThatSignsIn(language);
      history(me);
      for (int width : new int[] {DESKTOP, PHONE}) {
        try (BrowserContext context = chromium.context(language, width)) {
          Page page = context.newPage();
          signIn(page, me);
          for (String name : List.of("security", "log")) {
            page.navigate(url("/account/security" + ("log".equals(name) ? "/log" : "")));
            page.waitForLoadState();
            shoot(page, "seclog-" + language + "-" + width + "-" + name);
            problems.addAll(check(page, language + " " + width + " px " + name));
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theConsolesViewOfTheLogReadsWellAtBothWidths() {
    Nic customer = fixtures.accountThatSignsIn(Language.de);
    history(customer);
    List<String> problems = new ArrayList<>();
    for (Language language : List.of(Language.de, Language.es, Language.fr)) {
      for (int width : new int[] {DESKTOP, PHONE}) {
        try (BrowserContext context = chromium.context(language, width)) {
          Page page = context.newPage();
          page.navigate(url("/operator/console/login"));
          page.fill("#username", "demo-viewer");
          page.fill("#password", "handover-demo");
          page.click("form button[type=submit]");
          page.waitForLoadState();
          page.navigate(
              url("/operator/console/accounts/" + customer.value() + "?lang=" + language));
          page.waitForLoadState();
          page.locator("#account-security-log").scrollIntoViewIfNeeded();
          shoot(page, "seclog-console-" + language + "-" + width);
          problems.addAll(check(page, "console " + language + " " + width + " px"));
          assertThat(page.locator("#account-security-log code.record").allTextContents())
              .contains("staff:Sam", "ops-billing-7", "apiKey 3");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static List<String> check(Page page, String where) {
    List<String> problems = new ArrayList<>();
    String text = page.innerText("main");
    if (text.contains("0:0:0:0")) {
      problems.add(where + ": an address in its long form");
    }
    List<String> by = page.locator("table.security-log td.by").allTextContents();
    for (String who : by) {
      if (who.contains("staff:") || who.contains("ops-billing") || who.contains("password")) {
        problems.add(where + ": By shows " + who);
      }
    }
    Object emptyLabels =
        page.evaluate(
            "Array.from(document.querySelectorAll('table.list td[data-label]'))"
                + ".filter(td => td.offsetParent !== null && td.textContent.trim() === '')"
                + ".map(td => td.dataset.label)");
    if (!((List<?>) emptyLabels).isEmpty()) {
      problems.add(where + ": labels beside nothing " + emptyLabels);
    }
    int sideways =
        ((Number)
                page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"))
            .intValue();
    if (sideways > 0) {
      problems.add(where + ": scrolls sideways by " + sideways + " px");
    }
    return problems;
  }

  private void signIn(Page page, Nic nic) {
    page.navigate(url("/login"));
    page.fill("#login", nic.value());
    page.fill("#password", Fixtures.PASSWORD);
    page.click("form.card button[type=submit]");
    page.waitForURL(url("/account/contacts/services"));
  }

  private static void shoot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(Path.of("target/screenshots", name + ".png")));
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
