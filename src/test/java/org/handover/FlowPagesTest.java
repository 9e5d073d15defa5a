package org.handover;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.catalog.HostedService;
import org.handover.reassignment.CaseFixtures;
import org.handover.reassignment.ReassignmentCase;
import org.handover.reassignment.Reassignments;
import org.handover.security.Totp;
import org.handover.support.ChangeUseCases;
import org.handover.support.Chromium;
import org.handover.support.Fixtures;
import org.handover.support.MutableClock;
import org.handover.support.TestClockConfiguration;
import org.handover.support.WordsCut;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The flows {@link PanelPagesTest} does not walk, in the five languages (German and Spanish first)
 * at 1280 and 390 px: sign-up to the confirmed address through the demo Mailbox, a password reset
 * through its emailed link, a failed sign-in, an authenticator enrolment with a wrong code then the
 * right one, the sign-in's second step and a step-up, and a form sent after the session ended. Each
 * page: no untranslated key, no sideways scrolling, no word cut in two at the end of a line, what
 * was typed still there; screenshots under target/screenshots/flow-*.png.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "handover.demo.enabled=true")
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class, ChangeUseCases.class})
class FlowPagesTest {

  private static final int[] WIDTHS = {1280, 390};
  private static final Language[] LANGUAGES = {
    Language.de, Language.es, Language.en, Language.it, Language.fr
  };

  /** What each language calls a passkey, which a page may offer only to an account that has one. */
  private static final Map<Language, String> PASSKEY =
      Map.of(
          Language.en, "passkey",
          Language.it, "passkey",
          Language.fr, "clé d’accès",
          Language.de, "passkey",
          Language.es, "llave de acceso");

  /** "Each", which a refusal of one field only must not say. */
  private static final Map<Language, String> EACH =
      Map.of(
          Language.en, "each",
          Language.it, "ognuno",
          Language.fr, "chacun",
          Language.de, "jedem",
          Language.es, "cada uno");

  private final Totp totp = Totp.standard();

  static Chromium chromium;

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired Reassignments cases;
  @Autowired MutableClock clock;
  @Autowired MessageSource messages;

  @BeforeAll
  static void startBrowser() {
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stopBrowser() {
    chromium.close();
  }

  @Test
  void signUpConfirmResetEnrolACaseCodeAndAnEndedSessionReadWellInEveryLanguage() {
    List<String> problems = new ArrayList<>();
    for (Language language : LANGUAGES) {
      for (int width : WIDTHS) {
        try (BrowserContext context = chromium.context(language, width)) {
          Page page = context.newPage();
          String tag = language + "-" + width;
          if (width == 390 || language == Language.de || language == Language.es) {
            signUpAndConfirm(page, tag, language, problems); // under the per-address limit
          }
          Nic me = fixtures.accountThatSignsIn(language);
          reset(page, tag, me, problems);
          failedSignIn(page, tag, me, problems);
          signIn(page, me);
          String secret = enrol(page, tag, problems);
          secondStep(page, tag, me, secret, language, problems);
          wrongCaseCode(page, tag, me, problems);
          endedSession(page, tag, me, secret, problems);
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private void signUpAndConfirm(Page page, String tag, Language language, List<String> problems) {
    page.navigate(url("/signup?lang=" + language.name()));
    page.fill("#email", "walk-" + UUID.randomUUID() + "@example.net");
    page.fill("#firstName", "Jörg");
    page.fill("#lastName", "Peña");
    page.selectOption("#language", language.name());
    page.fill("#password", "a long enough password");
    page.fill("#passwordAgain", "another long password");
    page.click("form.card button[type=submit]");
    look(page, tag, "signup-errors", problems);
    String banner = page.textContent("#signup-errors").toLowerCase(Locale.ROOT);
    if (banner.contains(EACH.get(language))) {
      problems.add(tag + " signup-errors: one field in error is spoken of as 'each': " + banner);
    }
    if (!"Jörg".equals(page.inputValue("#firstName"))
        || !"Peña".equals(page.inputValue("#lastName"))) {
      problems.add(tag + " signup-errors: the names typed are lost");
    }
    page.fill("#password", "a long enough password");
    page.fill("#passwordAgain", "a long enough password");
    page.click("form.card button[type=submit]");
    look(page, tag, "signup-done", problems);
    openNewestEmail(page, tag, problems);
    page.navigate(url(linkIn(page, "/signup/confirm")));
    look(page, tag, "confirm-email", problems);
    page.click("#confirm-email");
    look(page, tag, "confirm-email-done", problems);
    String ask = messages.getMessage("confirm.title", null, language.locale());
    if (ask.equals(page.textContent("h1").strip())) {
      problems.add(tag + " confirm-email-done: still headed '" + ask + "' once confirmed");
    }
    String next =
        page.locator("#confirmed-next").count() == 0
            ? ""
            : page.getAttribute("#confirmed-next", "href");
    if (!next.endsWith("/login")) {
      problems.add(
          tag + " confirm-email-done: the next step for a new customer is signing in, not " + next);
    }
    page.navigate(page.url()); // the address opened again, as a reload or a bookmark does
    if (page.locator("#confirm-email").count() > 0) {
      problems.add(
          tag + " confirm-email-done: opened again, it offers to confirm an unnamed account");
    }
  }

  private void reset(Page page, String tag, Nic me, List<String> problems) {
    page.navigate(url("/password-reset"));
    page.fill("#login", me.value());
    page.click("form.card button[type=submit]");
    look(page, tag, "reset-sent", problems);
    if (page.locator("#reset-mailbox").count() == 0) {
      problems.add(tag + " reset-sent: no way to the demo Mailbox where the code is");
    }
    openNewestEmail(page, tag, problems);
    page.navigate(url(linkIn(page, "/password-reset")));
    look(page, tag, "reset-confirm", problems);
    page.fill("#password", "a long enough password");
    page.fill("#passwordAgain", "another long password");
    page.click("form.card button[type=submit]");
    look(page, tag, "reset-mismatch", problems);
    if (!me.value().equals(page.inputValue("#login")) || page.inputValue("#token").isBlank()) {
      problems.add(tag + " reset-mismatch: the customer ID or the code typed is lost");
    }
  }

  private void failedSignIn(Page page, String tag, Nic me, List<String> problems) {
    page.context().clearCookies();
    page.navigate(url("/login"));
    page.fill("#login", me.value());
    page.fill("#password", "not the password");
    page.click("form.card button[type=submit]");
    look(page, tag, "login-failed", problems);
    if (!me.value().equals(page.inputValue("#login"))) {
      problems.add(tag + " login-failed: the customer ID typed is lost");
    }
  }

  /** Enrols an authenticator after one wrong code; returns its key. */
  private String enrol(Page page, String tag, List<String> problems) {
    page.navigate(url("/account/security/totp"));
    look(page, tag, "totp", problems);
    String secret = page.textContent("#totp-secret");
    page.fill("#name", "Mein Telefon");
    page.fill("#code", "000000");
    page.click("#enrol");
    look(page, tag, "totp-wrong-code", problems);
    if (!secret.equals(page.textContent("#totp-secret"))) {
      problems.add(tag + " totp-wrong-code: the key changed after a wrong code");
    }
    if (!"Mein Telefon".equals(page.inputValue("#name"))) {
      problems.add(tag + " totp-wrong-code: the name typed is lost");
    }
    String key = secret.replaceAll("\\s", "");
    page.fill("#code", totp.code(key, clock.instant()));
    page.click("#enrol");
    page.waitForURL(url("/account/security"));
    look(page, tag, "totp-enrolled", problems);
    clock.advance(Duration.ofSeconds(30)); // the enrolment's code is spent
    return key;
  }

  /**
   * Signs in again through the second step (a wrong code first), then meets a step-up: both pages
   * name only the ways this account has (an authenticator app, no passkey).
   */
  private void secondStep(
      Page page, String tag, Nic me, String key, Language language, List<String> problems) {
    page.context().clearCookies();
    page.navigate(url("/login"));
    page.fill("#login", me.value());
    page.fill("#password", Fixtures.PASSWORD);
    page.click("form.card button[type=submit]");
    page.waitForURL(url("/login/second-factor"));
    look(page, tag, "second-factor", problems);
    offersOnlyTheAppsCode(page, tag, "second-factor", language, problems);
    page.fill("#code", "000000");
    page.click("#verify");
    look(page, tag, "second-factor-wrong", problems);
    page.fill("#code", totp.code(key, clock.instant()));
    page.click("#verify");
    page.waitForURL(url("/account/contacts/services"));
    clock.advance(Duration.ofMinutes(6)); // the check is no longer fresh
    page.navigate(url("/account/security/confirm?continue=/account/security"));
    look(page, tag, "step-up", problems);
    offersOnlyTheAppsCode(page, tag, "step-up", language, problems);
    page.fill("#code", totp.code(key, clock.instant()));
    page.click("#verify");
    page.waitForURL(url("/account/security"));
    clock.advance(Duration.ofSeconds(30));
  }

  private static void offersOnlyTheAppsCode(
      Page page, String tag, String name, Language language, List<String> problems) {
    String text = page.textContent("main").toLowerCase(Locale.ROOT);
    if (text.contains(PASSKEY.get(language))) {
      problems.add(tag + " " + name + ": offers a passkey to an account that has none");
    }
  }

  private void wrongCaseCode(Page page, String tag, Nic me, List<String> problems) {
    HostedService s = fixtures.serviceOwnedBy(fixtures.account());
    ReassignmentCase c = CaseFixtures.techCase(cases, s, me);
    page.navigate(url("/account/support/cases/" + c.id()));
    page.fill("#token", "WRONG-CODE");
    page.click("#confirm");
    look(page, tag, "case-wrong-code", problems);
    if (!page.textContent("[role=alert]").contains("4")) {
      problems.add(tag + " case-wrong-code: the tries left are not said");
    }
    if (!"WRONG-CODE".equals(page.inputValue("#token"))) {
      problems.add(tag + " case-wrong-code: the code typed is lost");
    }
  }

  private void endedSession(Page page, String tag, Nic me, String key, List<String> problems) {
    page.navigate(url("/account/profile"));
    jdbc.sql("delete from spring_session_attributes").update();
    jdbc.sql("delete from spring_session").update();
    page.locator("form.card button[type=submit]").first().click();
    look(page, tag, "session-ended", problems);
    page.fill("#password", Fixtures.PASSWORD);
    if (page.inputValue("#login").isBlank()) {
      page.fill("#login", me.value());
    }
    page.click("form.card button[type=submit]");
    page.waitForLoadState();
    if (page.url().contains("/login/second-factor")) {
      page.fill("#code", totp.code(key, clock.instant()));
      page.click("#verify");
      clock.advance(Duration.ofSeconds(30));
    }
    look(page, tag, "session-resumed", problems);
    double apart =
        ((Number)
                page.evaluate(
                    "(() => { const a = document.querySelector('#resume-send').getBoundingClientRect();"
                        + " const b = document.querySelector('#resume-back').getBoundingClientRect();"
                        + " return b.top >= a.bottom ? b.top - a.bottom : b.left - a.right; })()"))
            .doubleValue();
    if (apart < 4) {
      problems.add(tag + " session-resumed: the two buttons touch (" + apart + " px apart)");
    }
  }

  private void openNewestEmail(Page page, String tag, List<String> problems) {
    page.navigate(url("/dev/mailbox"));
    look(page, tag, "mailbox", problems);
    if (tag.endsWith("-1280")) {
      for (int column : new int[] {3, 4}) {
        Number lines =
            (Number)
                page.evaluate(
                    "c => { const r = document.createRange();"
                        + " r.selectNodeContents(document.querySelector("
                        + "'#mailbox tbody tr td:nth-child(' + c + ')'));"
                        + " const tops = Array.from(r.getClientRects()).filter(x => x.width > 0)"
                        + ".map(x => x.top).sort((a, b) => a - b);"
                        + " return tops.filter((t, i) => i === 0 || t - tops[i - 1] > 4).length; }",
                    column);
        if (lines.intValue() > 1) {
          problems.add(tag + " mailbox: the date or status runs over " + lines + " lines");
        }
      }
    }
    page.locator("td.title a").first().click();
    look(page, tag, "mailbox-email", problems);
  }

  /** The path and query of the email's link to {@code path}, from its plain-text part. */
  private static String linkIn(Page page, String path) {
    Matcher link =
        Pattern.compile("https?://[^/\\s]+(" + path + "\\S*)").matcher(page.textContent("body"));
    assertThat(link.find()).as("a link to " + path).isTrue();
    return link.group(1);
  }

  /** A screenshot, and the page's untranslated keys and sideways scrolling as problems. */
  private void look(Page page, String tag, String name, List<String> problems) {
    page.waitForLoadState();
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(Path.of("target/screenshots", "flow-" + tag + "-" + name + ".png")));
    String text = page.textContent("body");
    if (text.contains("??")) {
      problems.add(tag + " " + name + ": an untranslated key");
    }
    int sideways =
        ((Number)
                page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"))
            .intValue();
    if (sideways > 0) {
      problems.add(tag + " " + name + ": scrolls sideways by " + sideways + " px");
    }
    String cut = WordsCut.on(page);
    if (!cut.isEmpty()) {
      problems.add(tag + " " + name + ": words cut in two at the end of a line: " + cut);
    }
  }

  private void signIn(Page page, Nic nic) {
    page.context().clearCookies();
    page.navigate(url("/login"));
    page.fill("#login", nic.value());
    page.fill("#password", Fixtures.PASSWORD);
    page.click("form.card button[type=submit]");
    page.waitForURL(url("/account/contacts/services"));
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
