package org.handover.change.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.billing;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.catalog.HostedService;
import org.handover.change.ChangeSet;
import org.handover.change.ChangeSetJob;
import org.handover.contact.ContactRole;
import org.handover.reassignment.ReassignmentCase;
import org.handover.reassignment.Reassignments;
import org.handover.support.ChangeUseCases;
import org.handover.support.Chromium;
import org.handover.support.Fixtures;
import org.handover.support.MutableClock;
import org.handover.support.TestClockConfiguration;
import org.handover.system.Actor;
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
 * The request pages in every state a customer finds them in (waiting for several people, done,
 * refused with words, expired, cancelled), the list, and the reassignment case page (open, and
 * vetoed by the reader), in every language on a 1280 px desktop and a 390 px phone: none scrolls
 * sideways or logs an error, and the reader is "you" in every state line. Saved as
 * target/screenshots/requests-*.png to be read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class, ChangeUseCases.class})
class RequestPagesBrowserTest {

  static Chromium chromium;

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired ChangeUseCases changes;
  @Autowired ChangeSetJob expiry;
  @Autowired Reassignments cases;
  @Autowired MutableClock clock;

  @BeforeAll
  static void startBrowser() {
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stopBrowser() {
    chromium.close();
  }

  /** A request from {@code asker} giving tech to {@code me} and billing to another account. */
  private ChangeSet toMeAndAnother(Nic asker, Nic me) {
    HostedService s = fixtures.serviceOwnedBy(asker);
    Map<ContactRole, Nic> wanted = Map.of(tech, me, billing, fixtures.account());
    return changes.request(as(asker), s.type(), s.name(), wanted).orElseThrow();
  }

  private Map<String, String> pagesOf(Nic me) {
    Nic other = fixtures.account();
    String requests = "/account/contacts/requests/";
    Map<String, String> pages = new LinkedHashMap<>();
    ChangeSet expired = toMeAndAnother(other, me);
    changes.accept(as(other), expired.id(), fixtures.codeFor(expired.id(), other));
    clock.advance(Duration.ofDays(15));
    expiry.runDueWork();
    pages.put("request-expired", requests + expired.id());

    pages.put("request-waiting", requests + toMeAndAnother(other, me).id());
    ChangeSet refused = toMeAndAnother(other, me);
    changes.refuse(as(me), refused.id(), fixtures.codeFor(refused.id(), me), "Not my server.");
    pages.put("request-refused", requests + refused.id());
    HostedService mine = fixtures.serviceOwnedBy(me);
    Nic x = fixtures.account();
    ChangeSet done = changes.request(as(me), mine.type(), mine.name(), Map.of(tech, x)).get();
    changes.accept(as(me), done.id(), fixtures.codeFor(done.id(), me));
    changes.accept(as(x), done.id(), fixtures.codeFor(done.id(), x));
    pages.put("request-done", requests + done.id());
    ChangeSet cancelled = toMeAndAnother(me, fixtures.account());
    changes.cancel(as(me), cancelled.id());
    pages.put("request-cancelled", requests + cancelled.id());
    pages.put("requests", "/account/contacts/requests");
    HostedService shared = fixtures.service(me, me, other);
    pages.put("edit", "/account/contacts/services/domain/" + shared.name() + "/edit");

    HostedService s = fixtures.serviceOwnedBy(me);
    HostedService s2 = fixtures.serviceOwnedBy(me);
    ReassignmentCase open = openCase(List.of(s, s2), fixtures.account());
    pages.put("case-open", "/account/support/cases/" + open.id());
    ReassignmentCase vetoed = openCase(List.of(fixtures.serviceOwnedBy(me)), fixtures.account());
    cases.veto(Actor.customer(me, null), vetoed.id());
    pages.put("case-vetoed", "/account/support/cases/" + vetoed.id());
    ReassignmentCase forMe = openCase(List.of(fixtures.serviceOwnedBy(other)), me);
    pages.put("case-for-me", "/account/support/cases/" + forMe.id());
    return pages;
  }

  private ReassignmentCase openCase(List<HostedService> services, Nic to) {
    return cases.open(
        Actor.operator("staff:alice", null),
        services.get(0).type(),
        services.stream().map(HostedService::name).toList(),
        tech,
        to,
        "ticket 7",
        "The technical contact left the company.");
  }

  @Test
  void everyStateOfARequestAndACaseReadsWellInEveryLanguageAndWidth() {
    List<String> problems = new ArrayList<>();
    for (Language language : Language.values()) {
      Nic me = fixtures.accountThatSignsIn(language);
      Map<String, String> pages = pagesOf(me);
      for (int width : new int[] {1280, 390}) {
        try (BrowserContext context = chromium.context(language, width)) {
          Page page = context.newPage();
          List<String> console = new ArrayList<>();
          page.onConsoleMessage(m -> console.add(m.type() + ": " + m.text()));
          signIn(page, me);
          for (Map.Entry<String, String> p : pages.entrySet()) {
            console.clear();
            page.navigate(url(p.getValue()));
            page.waitForLoadState();
            if (p.getKey().equals("edit")) {
              shoot(page, language, width, "edit-form");
              page.fill("#tech", fixtures.account().value());
              page.fill("#billing", fixtures.account().value());
              page.click("#review");
              page.waitForLoadState();
            }
            shoot(page, language, width, p.getKey());
            String where = language + " " + width + " px " + p.getKey();
            console.removeIf(m -> !m.startsWith("error"));
            if (!console.isEmpty()) {
              problems.add(where + ": console " + console);
            }
            if (sideways(page) > 0) {
              problems.add(where + ": scrolls sideways by " + sideways(page) + " px");
            }
            if (page.content().contains(me.value() + ", ")) {
              problems.add(where + ": the reader's ID in a list of IDs");
            }
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static void shoot(Page page, Language language, int width, String name) {
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(
                Path.of(
                    "target/screenshots",
                    "requests-" + language + "-" + width + "-" + name + ".png")));
  }

  private static int sideways(Page page) {
    return ((Number)
            page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"))
        .intValue();
  }

  private void signIn(Page page, Nic nic) {
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
