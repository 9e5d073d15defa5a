package org.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.tech;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.access.Policies;
import org.handover.access.PolicyDraft;
import org.handover.apiauth.ApiKeys;
import org.handover.catalog.DomainOwner;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.contact.Contacts;
import org.handover.mail.Outbox;
import org.handover.owner.OwnerChange;
import org.handover.owner.OwnerChanges;
import org.handover.owner.OwnerFixtures;
import org.handover.support.ChangeUseCases;
import org.handover.support.Chromium;
import org.handover.support.Fixtures;
import org.handover.support.MutableClock;
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
import org.springframework.test.context.ActiveProfiles;

/**
 * Every page of the panel, in every {@link Language} (English, Italian, French, German, Spanish),
 * on a 1280 px desktop and a 390 px phone: no console error, no horizontal scroll, no serious or
 * critical axe-core violation, the header on one row from 1024 px up; each page saved under
 * target/screenshots/panel-*.png. One browser, one context per width and language.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "handover.demo.enabled=true")
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class, ChangeUseCases.class})
class PanelPagesTest {

  private static final int DESKTOP = 1280;
  private static final int PHONE = 390;
  private static final String AXE = axeSource();

  static Chromium chromium;

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired ChangeUseCases changes;
  @Autowired HostedServices services;
  @Autowired OwnerChanges owners;
  @Autowired ApiKeys keys;
  @Autowired Outbox outbox;
  @Autowired Policies policies;
  @Autowired MutableClock clock;

  @BeforeAll
  static void startBrowser() {
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stopBrowser() {
    chromium.close();
  }

  /** A customer with something on every page: services, a request to answer, an application. */
  private Map<String, String> pagesOf(Nic me) {
    Nic other = fixtures.account();
    Nic owing = fixtures.accountInDebt();
    HostedService mine = fixtures.serviceOwnedBy(me);
    fixtures.service(me, me, owing);
    HostedService theirs = fixtures.service(other, other, other);
    fixtures.service(other, me, other);
    long toAnswer =
        changes
            .request(Fixtures.as(other), theirs.type(), theirs.name(), Map.of(tech, me))
            .orElseThrow()
            .id();
    changes.request(
        Fixtures.as(me), mine.type(), mine.name(), Fixtures.wanted(tech, fixtures.account()));
    keys.createApplication(Fixtures.as(me), "deploy-bot", "Rotates contacts from CI");
    HostedService owned = OwnerFixtures.domain(services, Contacts.allTo(me));
    OwnerChange ownerChange =
        owners
            .submit(
                Fixtures.as(me),
                owned.name(),
                DomainOwner.of("New Owner", null, OwnerFixtures.newEmail(), "2 New Street", null))
            .change()
            .orElseThrow();
    OwnerFixtures.Letter letter =
        OwnerFixtures.letterTo(outbox, ownerChange.id(), ownerChange.parties().get(0).email());
    Nic friend = fixtures.account();
    policies.create(
        Fixtures.as(me),
        new PolicyDraft(
            "dns for a friend",
            null,
            List.of("urn:v1:eu:identity:account:" + friend.value()),
            List.of("urn:v1:eu:resource:domain:" + mine.name()),
            List.of("domain:apiovh:zone/*"),
            List.of("domain:apiovh:zone/record/delete"),
            List.of(),
            clock.instant().plusSeconds(7 * 86_400).toString()));
    policies.create(
        Fixtures.as(other),
        new PolicyDraft(
            "shared with me",
            null,
            List.of("urn:v1:eu:identity:account:" + me.value()),
            List.of("urn:v1:eu:resource:domain:*"),
            List.of("domain:apiovh:get"),
            List.of(),
            List.of(),
            null));
    long mail = outbox.newest(0, 1).get(0).id();

    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("services", "/account/contacts/services");
    pages.put("services-filtered", "/account/contacts/services?admin=" + other + "&sort=nameDesc");
    pages.put("edit", "/account/contacts/services/domain/" + mine.name() + "/edit");
    pages.put("owner", "/account/contacts/services/domain/" + mine.name() + "/owner");
    pages.put("owner-change-open", "/account/contacts/services/domain/" + owned.name() + "/owner");
    pages.put("owner-change-confirm", "/owner-change/" + letter.link() + "?code=" + letter.code());
    pages.put("service", "/account/contacts/services/domain/" + mine.name());
    pages.put("access", "/account/contacts/services/domain/" + mine.name() + "/access");
    pages.put("shared-with-me", "/account/access/shared");
    pages.put("services-shared", "/account/contacts/services?shared=1");
    pages.put("requests", "/account/contacts/requests");
    pages.put("requests-to-confirm", "/account/contacts/requests?state=needsMyAction");
    pages.put("request", "/account/contacts/requests/" + toAnswer);
    pages.put("profile", "/account/profile");
    pages.put("security", "/account/security");
    pages.put("security-log", "/account/security/log");
    pages.put("security-totp", "/account/security/totp");
    pages.put("security-passkey", "/account/security/passkey");
    pages.put("api-applications", "/account/api/applications");
    pages.put("mailbox", "/dev/mailbox");
    pages.put("mailbox-email", "/dev/mailbox/" + mail);
    return pages;
  }

  private static final Map<String, String> SIGNED_OUT =
      Map.of("login", "/login", "signup", "/signup", "password-reset", "/password-reset");

  @Test
  void everyPageInEveryLanguageAndWidthIsCleanAndAccessible() {
    List<String> problems = new ArrayList<>();
    for (Language language : Language.values()) {
      Nic me = fixtures.accountThatSignsIn(language);
      Map<String, String> pages = pagesOf(me);
      for (int width : new int[] {DESKTOP, PHONE}) {
        try (BrowserContext context = chromium.context(language, width)) {
          Page page = context.newPage();
          List<String> console = listen(page);
          for (Map.Entry<String, String> p : SIGNED_OUT.entrySet()) {
            check(page, console, language, width, p.getKey(), p.getValue(), problems);
          }
          signIn(page, me);
          page.navigate(url("/account/contacts/services?lang=" + language.name()));
          if (width == DESKTOP && !oneRow(headerBoxes(page))) {
            problems.add(
                language + " " + width + " px: header on several rows " + headerBoxes(page));
          }
          for (Map.Entry<String, String> p : pages.entrySet()) {
            check(page, console, language, width, p.getKey(), p.getValue(), problems);
          }
          page.locator("details.account summary").click();
          shoot(page, language, width, "account-menu");
          assertThat(page.locator("details.account .menu").isVisible()).isTrue();
          int[] menu = menuEdges(page);
          if (menu[0] < 0 || menu[1] > width) {
            problems.add(
                language
                    + " "
                    + width
                    + " px: the account menu runs off the screen, from "
                    + menu[0]
                    + " to "
                    + menu[1]
                    + " px");
          }
          reviewsAndNotFound(page, console, language, width, pages, problems);
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /** With every menu item shown (a request to confirm, the demo mailbox) and five languages. */
  @Test
  void theHeaderIsOneRowFrom1024PixelsUpAndPagesFitFrom800PixelsInEveryLanguage() {
    for (Language language : Language.values()) {
      Nic me = fixtures.accountThatSignsIn(language);
      fixtures.serviceOwnedBy(me);
      Nic other = fixtures.account();
      HostedService theirs = fixtures.service(other, other, other);
      changes.request(Fixtures.as(other), theirs.type(), theirs.name(), Map.of(tech, me));
      for (int width : new int[] {800, 1024, 1440}) {
        try (BrowserContext context = chromium.context(language, width)) {
          Page page = context.newPage();
          signIn(page, me);
          page.navigate(url("/account/contacts/services?lang=" + language.name()));
          assertThat(headerOverflow(page))
              .as("%s at %d px: the header runs off the screen by", language, width)
              .isNotPositive();
          assertThat(sideways(page))
              .as("%s at %d px: the services page scrolls sideways by", language, width)
              .isZero();
          if (width < 1024) {
            continue;
          }
          List<Map<String, Object>> boxes = headerBoxes(page);
          assertThat(boxes).as("header items").hasSizeGreaterThanOrEqualTo(4);
          assertThat(oneRow(boxes))
              .as("%s at %d px: every header item on one row %s", language, width, boxes)
              .isTrue();
        }
      }
    }
  }

  @Test
  void thePhoneHeaderTakesLittleOfTheFirstScreenAndServicesShowAboveTheFold() {
    Nic me = fixtures.accountThatSignsIn(Language.fr);
    HostedService s = fixtures.serviceOwnedBy(me);
    try (BrowserContext context = chromium.context(Language.fr, PHONE)) {
      Page page = context.newPage();
      signIn(page, me);
      double header =
          ((Number) page.evaluate("document.querySelector('header.top').offsetHeight"))
              .doubleValue();
      assertThat(header).as("header height at 390 px").isLessThan(844 * 0.12);
      double rowTop =
          ((Number)
                  page.evaluate(
                      "document.querySelector(\"tr[data-service='"
                          + s.name()
                          + "']\").getBoundingClientRect().top"))
              .doubleValue();
      assertThat(rowTop).as("first service card on the first screen").isLessThan(844);
    }
  }

  /**
   * The pages reached by a form (the review of an edit and of a bulk handover, after
   * post/redirect/get) and the page of a service that does not exist.
   */
  private void reviewsAndNotFound(
      Page page,
      List<String> console,
      Language language,
      int width,
      Map<String, String> pages,
      List<String> problems) {
    page.navigate(url(pages.get("edit")));
    page.fill("#billing", fixtures.account().value());
    page.click("#review");
    page.waitForLoadState();
    inspect(page, console, language + " " + width + " px edit-review", problems);
    shoot(page, language, width, "edit-review");
    page.navigate(url(pages.get("services")));
    page.locator("#bulk summary").click();
    page.locator("tr[data-service] input[type=checkbox]").first().check();
    page.locator("#bulk input[name=role][value=billing]").check();
    page.fill("#bulk-to", fixtures.account().value());
    page.click("#bulk-review");
    page.waitForLoadState();
    inspect(page, console, language + " " + width + " px bulk-review", problems);
    shoot(page, language, width, "bulk-review");
    page.navigate(url("/account/contacts/services/domain/no-such-service.example"));
    console.removeIf(m -> m.contains("404"));
    inspect(page, console, language + " " + width + " px not-found", problems);
    shoot(page, language, width, "not-found");
  }

  /** The console, sideways scrolling and axe on the page as it is now. */
  private void inspect(Page page, List<String> console, String where, List<String> problems) {
    if (!console.isEmpty()) {
      problems.add(where + ": console " + console);
    }
    console.clear();
    int overflow = sideways(page);
    if (overflow > 0) {
      problems.add(where + ": scrolls sideways by " + overflow + " px");
    }
    for (String violation : axe(page)) {
      problems.add(where + ": axe " + violation);
    }
    for (String gap : blankCardTops(page)) {
      problems.add(where + ": blank space at the top of a card " + gap);
    }
    for (String glued : gluedLinks(page)) {
      problems.add(where + ": an open request on the line of its service's name " + glued);
    }
    for (String touching : touchingButtons(page)) {
      problems.add(where + ": buttons stacked without a gap " + touching);
    }
    for (String low : lowLists(page)) {
      problems.add(where + ": a list starts below its cell's first line " + low);
    }
    for (String ragged : raggedRows(page)) {
      problems.add(where + ": a table row whose cells end at different heights " + ragged);
    }
    for (String blank : blankStackedCells(page)) {
      problems.add(where + ": a blank line in a stacked row " + blank);
    }
    for (String legend : looseLegends(page)) {
      problems.add(where + ": a legend that does not read as its fields' label " + legend);
    }
  }

  /** Buttons of one parent that wrapped onto each other's rows with less than 4 px between them. */
  @SuppressWarnings("unchecked")
  private static List<String> touchingButtons(Page page) {
    return (List<String>)
        page.evaluate(
            "(() => { const out = []; const all = Array.from(document.querySelectorAll("
                + "'main button, main .button')).filter(b => b.offsetParent !== null);"
                + " for (const a of all) for (const b of all) { if (a === b || a.parentElement !== b.parentElement) continue;"
                + " const r = a.getBoundingClientRect(), q = b.getBoundingClientRect();"
                + " const across = r.left < q.right && q.left < r.right; const gap = q.top - r.bottom;"
                + " if (across && gap >= 0 && gap < 4) out.push(a.textContent.trim() + ' / ' + b.textContent.trim()); }"
                + " return out; })()");
  }

  /** Lists that open a table cell but start more than 2 px below the cell's padding. */
  @SuppressWarnings("unchecked")
  private static List<String> lowLists(Page page) {
    return (List<String>)
        page.evaluate(
            "Array.from(document.querySelectorAll('table.list td > ul:first-child'))"
                + ".filter(u => u.offsetParent !== null && getComputedStyle(u.parentElement).display === 'table-cell')"
                + ".filter(u => { const td = u.parentElement;"
                + " return u.getBoundingClientRect().top - td.getBoundingClientRect().top"
                + " - parseFloat(getComputedStyle(td).paddingTop) > 2; })"
                + ".map(u => u.textContent.trim().slice(0, 40))");
  }

  /** Rows of a table laid out as a table whose cells do not all end on the row's line. */
  @SuppressWarnings("unchecked")
  private static List<String> raggedRows(Page page) {
    return (List<String>)
        page.evaluate(
            "Array.from(document.querySelectorAll('table.list tr')).filter(tr => tr.offsetParent !== null"
                + " && getComputedStyle(tr).display === 'table-row').filter(tr => {"
                + " const b = Array.from(tr.children).map(c => c.getBoundingClientRect().bottom);"
                + " return Math.max(...b) - Math.min(...b) > 0.5; })"
                + ".map(tr => tr.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40))");
  }

  /** Cells of rows stacked as cards that show nothing but take a line's space. */
  @SuppressWarnings("unchecked")
  private static List<String> blankStackedCells(Page page) {
    return (List<String>)
        page.evaluate(
            "Array.from(document.querySelectorAll('table.list td')).filter(td => td.offsetParent !== null"
                + " && getComputedStyle(td).display === 'block' && td.children.length === 0"
                + " && td.textContent.trim() === '' && td.getBoundingClientRect().height > 0)"
                + ".map(td => (td.className || 'td') + ' in ' + td.parentElement.textContent.trim()"
                + ".replace(/\\s+/g, ' ').slice(0, 40))");
  }

  /** Legends in normal weight or set off from the left edge of the choices they name. */
  @SuppressWarnings("unchecked")
  private static List<String> looseLegends(Page page) {
    return (List<String>)
        page.evaluate(
            "Array.from(document.querySelectorAll('main legend:not(.visually-hidden)'))"
                + ".filter(l => l.offsetParent !== null"
                + " && l.getBoundingClientRect().width > 1).filter(l => {"
                + " const f = l.parentElement.getBoundingClientRect();"
                + " return parseInt(getComputedStyle(l).fontWeight) < 600"
                + " || l.getBoundingClientRect().left - f.left > 1; }).map(l => l.textContent.trim())");
  }

  /**
   * Cards whose first visible line starts more than 4 px below their padding (a heading's or a
   * paragraph's own top margin inside the card), as "selector: gap".
   */
  @SuppressWarnings("unchecked")
  private static List<String> blankCardTops(Page page) {
    return (List<String>)
        page.evaluate(
            "Array.from(document.querySelectorAll('.card')).filter(c => c.offsetParent !== null)"
                + ".map(c => { const first = Array.from(c.children).find(e => e.offsetParent !== null"
                + " && getComputedStyle(e).position !== 'absolute'); if (!first) return null;"
                + " const s = getComputedStyle(c); const gap = first.getBoundingClientRect().top"
                + " - c.getBoundingClientRect().top - parseFloat(s.paddingTop) - parseFloat(s.borderTopWidth);"
                + " return gap > 4 ? (c.id || c.className) + ' > ' + first.tagName + ': ' + Math.round(gap) + ' px' : null; })"
                + ".filter(x => x)");
  }

  /** Rows of My services whose open-request link sits on the line of the service's own link. */
  @SuppressWarnings("unchecked")
  private static List<String> gluedLinks(Page page) {
    return (List<String>)
        page.evaluate(
            "Array.from(document.querySelectorAll('a.open-request')).filter(a => {"
                + " const name = a.parentElement.querySelector('a.service-link');"
                + " return a.getBoundingClientRect().top < name.getBoundingClientRect().bottom - 2; })"
                + ".map(a => a.textContent)");
  }

  // ---- checks --------------------------------------------------------------------------------

  private void check(
      Page page,
      List<String> console,
      Language language,
      int width,
      String name,
      String path,
      List<String> problems) {
    console.clear();
    long t0 = System.nanoTime();
    page.navigate(url(path));
    page.waitForLoadState();
    String where = language + " " + width + " px " + name + " (" + path + ")";
    long t1 = System.nanoTime();
    shoot(page, language, width, name);
    long t2 = System.nanoTime();
    inspect(page, console, where, problems);
    System.out.printf(
        "%s: load %d ms, screenshot %d ms, checks %d ms%n",
        where, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
  }

  /** Serious and critical axe-core violations, as "rule: target, target". */
  @SuppressWarnings("unchecked")
  private static List<String> axe(Page page) {
    page.evaluate(AXE);
    Object found =
        page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag',"
                + " values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}}))"
                + ".violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ' (' + v.impact + '): '"
                + " + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '))");
    return (List<String>) found;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> headerBoxes(Page page) {
    return (List<Map<String, Object>>)
        page.evaluate(
            "Array.from(document.querySelectorAll('header.top .bar > *:not(.spacer)'))"
                + ".filter(e => e.offsetParent !== null)"
                + ".map(e => { const r = (e.querySelector('summary') || e).getBoundingClientRect();"
                + " return {item: e.className || e.tagName, top: r.top, bottom: r.bottom}; })");
  }

  /** The open account menu's left and right edges, in CSS pixels from the window's left. */
  @SuppressWarnings("unchecked")
  private static int[] menuEdges(Page page) {
    List<Number> edges =
        (List<Number>)
            page.evaluate(
                "(() => { const r = document.querySelector('details.account .menu')"
                    + ".getBoundingClientRect(); return [r.left, r.right]; })()");
    return new int[] {
      (int) Math.floor(edges.get(0).doubleValue()), (int) Math.ceil(edges.get(1).doubleValue())
    };
  }

  /** How far the page scrolls sideways, in CSS pixels (0 when it fits the window). */
  private static int sideways(Page page) {
    return ((Number)
            page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"))
        .intValue();
  }

  /** How far the header's furthest item reaches past the window's right edge (≤ 0: it fits). */
  private static int headerOverflow(Page page) {
    return ((Number)
            page.evaluate(
                "Math.max(...Array.from(document.querySelectorAll('header.top .bar *'))"
                    + ".filter(e => e.offsetParent !== null)"
                    + ".map(e => e.getBoundingClientRect().right))"
                    + " - document.documentElement.clientWidth"))
        .intValue();
  }

  /** Whether every box shares one horizontal band: the lowest top is above the highest bottom. */
  private static boolean oneRow(List<Map<String, Object>> boxes) {
    double lowestTop = boxes.stream().mapToDouble(b -> num(b, "top")).max().orElseThrow();
    double highestBottom = boxes.stream().mapToDouble(b -> num(b, "bottom")).min().orElseThrow();
    return lowestTop < highestBottom;
  }

  private static double num(Map<String, Object> box, String key) {
    return ((Number) box.get(key)).doubleValue();
  }

  private static List<String> listen(Page page) {
    List<String> console = new ArrayList<>();
    page.onConsoleMessage(
        (ConsoleMessage m) -> {
          if ("error".equals(m.type()) || "warning".equals(m.type())) {
            console.add(m.type() + ": " + m.text());
          }
        });
    page.onPageError(error -> console.add("page error: " + error));
    return console;
  }

  // ---- browser -------------------------------------------------------------------------------

  private void signIn(Page page, Nic nic) {
    page.navigate(url("/login"));
    page.fill("#login", nic.value());
    page.fill("#password", Fixtures.PASSWORD);
    page.click("form.card button[type=submit]");
    page.waitForURL(url("/account/contacts/services"));
  }

  private static void shoot(Page page, Language language, int width, String name) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(
                Path.of(
                    "target/screenshots",
                    "panel-" + language + "-" + width + "-" + name + ".png")));
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private static String axeSource() {
    try (InputStream in = PanelPagesTest.class.getResourceAsStream("/axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException(
            "axe.min.js is missing from the test classpath (com.deque.html.axe-core:playwright)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
