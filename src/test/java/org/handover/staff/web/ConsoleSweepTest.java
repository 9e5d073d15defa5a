package org.handover.staff.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.handover.catalog.HostedService;
import org.handover.contact.ContactRole;
import org.handover.mail.MailKind;
import org.handover.reassignment.ReassignmentCase;
import org.handover.reassignment.Reassignments;
import org.handover.staff.StaffConsoleSettings;
import org.handover.support.BrowserJourneys;
import org.handover.support.ChangeUseCases;
import org.handover.support.Fixtures;
import org.handover.support.TestClockConfiguration;
import org.handover.support.WordsCut;
import org.handover.system.Actor;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
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
  @Autowired Reassignments reassignments;
  @Autowired JdbcClient jdbc;
  @Autowired MessageSource messages;

  @BeforeEach
  void allowRedirect() {
    IDP.allowRedirect(browsers.journey().url("/operator/console/login/oauth2/code/staff"));
  }

  private Page signIn(String language) {
    return signIn(language, null);
  }

  private Page signIn(String language, List<String> findings) {
    return signIn("sam", language, findings);
  }

  /**
   * Signs {@code person} in through the provider; with {@code findings}, the sign-in page is looked
   * at first.
   */
  private Page signIn(String person, String language, List<String> findings) {
    Page page = browsers.journey().open(language);
    page.navigate(browsers.journey().url("/operator/console?lang=" + language));
    if (findings != null) {
      for (int width : new int[] {390, 1280}) {
        page.setViewportSize(width, width == 390 ? 844 : 900);
        look(
            page,
            language + " " + width + " sign-in",
            language + "-" + width + "-sign-in",
            findings);
      }
    }
    page.click("#sign-in-provider");
    page.fill("#username", person);
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
    openCase(ContactRole.tech, holder, fixtures.account()); // the list of cases is not empty
    // the beginning of the name in capitals, as staff type what a customer reads out
    String partial = s.name().substring(0, 8).toUpperCase();
    List<String> paths =
        List.of(
            "/operator/console",
            "/operator/console?q=" + partial,
            "/operator/console?q=" + holder.value(),
            "/operator/console/accounts/" + holder.value(),
            "/operator/console/services/domain/" + s.name(),
            "/operator/console/requests/" + request,
            "/operator/console/cases",
            "/operator/console/cases/new?type=domain&name=" + s.name(),
            NO_SUCH_REQUEST);
    List<String> findings = new ArrayList<>();
    for (Language language : Language.values()) {
      Page page = signIn(language.name(), findings);
      for (int width : new int[] {1280, 390}) {
        page.setViewportSize(width, width == 390 ? 844 : 900);
        for (String path : paths) {
          page.navigate(browsers.journey().url(path));
          String where = language + " " + width + " " + path;
          if (path.contains("?q=" + partial) && page.locator("#services a").count() == 0) {
            findings.add(where + ": the service is not found by the start of its name");
          }
          if (path.equals(NO_SUCH_REQUEST)) {
            staysInTheConsole(page, where, findings);
            if (page.locator("header.console a[href$='/operator/console/cases']").count() == 0) {
              findings.add(where + ": the refusal page has lost the console's menu");
            }
            // staff see every request: "not among your requests" is the customers' wording
            String none =
                messages.getMessage(
                    "console.notFound.request", new Object[] {"987654321"}, language.locale());
            if (!page.textContent("main").contains(none)) {
              findings.add(where + ": the refusal does not say '" + none + "'");
            }
          }
          if (path.equals("/operator/console/cases")) {
            // a case moves one role: its column says so in the singular
            String role = messages.getMessage("console.case.role", null, language.locale());
            if (!page.locator("#cases th").allTextContents().contains(role)) {
              findings.add(where + ": the cases' role column is not headed '" + role + "'");
            }
          }
          look(
              page,
              where,
              language + "-" + width + "-" + path.replaceAll("[^a-z]+", "-"),
              findings);
        }
      }
    }
    assertThat(findings).isEmpty();
  }

  private static final String NO_SUCH_REQUEST = "/operator/console/requests/987654321";

  /** A refusal in the console keeps the console's header and leads back to its search. */
  private static void staysInTheConsole(Page page, String where, List<String> findings) {
    if (page.locator("header.console").count() == 0) {
      findings.add(where + ": the refusal is shown in the customer panel's layout");
    }
    if (page.locator("main a[href$='/account/contacts/services']").count() > 0
        || page.locator("main a[href$='/operator/console']").count() == 0) {
      findings.add(where + ": the refusal leads to the customers' pages, not the console's search");
    }
  }

  /** Fails on overflow or a message key, and keeps a screenshot named {@code shot}. */
  private static void look(Page page, String where, String shot, List<String> findings) {
    page.waitForLoadState(); // the page a click opened, with its style sheet
    Object overflow =
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
    if (((Number) overflow).intValue() > 1) {
      findings.add(where + ": " + overflow + " px wider than the screen");
    }
    if (page.content().contains("??")) {
      findings.add(where + ": a message key instead of words");
    }
    Object beside =
        page.evaluate(
            "() => { const dl = document.querySelector('dl.facts');"
                + " if (!dl || window.innerWidth < 1024) return true;"
                + " const t = dl.querySelector('dt').getBoundingClientRect().top;"
                + " return Math.abs(dl.querySelector('dd').getBoundingClientRect().top - t) < 4; }");
    if (!Boolean.TRUE.equals(beside)) {
      findings.add(where + ": a fact's value sits under its label, not beside it");
    }
    String cut = WordsCut.on(page);
    if (!cut.isEmpty()) {
      findings.add(where + ": words cut in two at the end of a line: " + cut);
    }
    browsers.journey().screenshot(page, shot);
  }

  private Page customer(Nic nic, String language) {
    Page page = browsers.journey().open(language);
    page.navigate(browsers.journey().url("/login"));
    page.fill("#login", nic.value());
    page.fill("#password", Fixtures.PASSWORD);
    page.click("form.card button[type=submit]");
    page.waitForURL(browsers.journey().url("/account/contacts/services"));
    return page;
  }

  private ReassignmentCase openCase(ContactRole role, Nic holder, Nic to) {
    HostedService s = fixtures.serviceOwnedBy(holder);
    return reassignments.open(
        Actor.staff("staff:https://idp.example#alice", "alice", null),
        s.type(),
        List.of(s.name()),
        role,
        to,
        "Ticket 4711: ID card checked",
        "The contact left the company");
  }

  /**
   * The reassignment case in every language at both widths, as staff and customers meet it: the
   * supervisor's case view before and after approving, a case vetoed; the customer's page with the
   * veto question open and after the veto; the new contact's page, a wrong code refused (the code
   * typed kept), and confirmed.
   */
  @Test
  void everyCasePageFitsBothWidthsInEveryLanguage() {
    List<String> findings = new ArrayList<>();
    for (Language language : Language.values()) {
      Page staff = signIn(language.name());
      Nic holder = fixtures.accountThatSignsIn(language);
      Nic heir = fixtures.accountThatSignsIn(language);
      Page current = customer(holder, language.name());
      Page next = customer(heir, language.name());
      for (int width : new int[] {1280, 390}) {
        String at = language + "-" + width + "-";
        for (Page p : List.of(staff, current, next)) {
          p.setViewportSize(width, width == 390 ? 844 : 900);
        }
        long approving = openCase(ContactRole.admin, holder, heir).id();
        staff.navigate(browsers.journey().url("/operator/console/cases/" + approving));
        look(staff, at + "awaiting", at + "case-awaiting-approval", findings);
        staff.click("#approve-open");
        look(staff, at + "approve question", at + "case-approve-question", findings);
        staff.click("#approve");
        look(staff, at + "approved", at + "case-approved", findings);

        long vetoed = openCase(ContactRole.tech, holder, heir).id();
        current.navigate(browsers.journey().url("/account/support/cases/" + vetoed));
        look(current, at + "veto", at + "customer-case", findings);
        current.click("#veto-open");
        look(current, at + "veto question", at + "customer-veto-question", findings);
        current.click("#veto");
        look(current, at + "vetoed", at + "customer-vetoed", findings);
        staff.navigate(browsers.journey().url("/operator/console/cases/" + vetoed));
        look(staff, at + "staff vetoed", at + "case-vetoed", findings);

        long confirming = openCase(ContactRole.billing, holder, heir).id();
        String code = fixtures.codeSentTo(fixtures.email(heir), MailKind.CASE_CODE);
        next.navigate(browsers.journey().url("/account/support/cases/" + confirming));
        next.fill("#token", "WRONG-CODE");
        next.click("#confirm");
        if (!"WRONG-CODE".equals(next.inputValue("#token"))) {
          findings.add(at + "confirm: the code typed is lost after a refusal");
        }
        look(next, at + "wrong code", at + "customer-wrong-code", findings);
        next.fill("#token", code);
        next.click("#confirm");
        look(next, at + "confirmed", at + "customer-confirmed", findings);
        staff.navigate(browsers.journey().url("/operator/console/cases/" + confirming));
        look(staff, at + "staff confirmed", at + "case-confirmed", findings);
      }
    }
    assertThat(findings).isEmpty();
  }

  /**
   * A console form sent after the session ended, in every language at both widths: the sign-in page
   * says so; signed in again, the resume page (the console's, not the panel's) holds the reason
   * typed, and sending it again does what was asked.
   */
  @Test
  void aFormSentAfterTheSessionEndedKeepsWhatStaffTyped() {
    List<String> findings = new ArrayList<>();
    for (Language language : Language.values()) {
      Page page = signIn(language.name());
      for (int width : new int[] {1280, 390}) {
        page.setViewportSize(width, width == 390 ? 844 : 900);
        String at = language + "-" + width + "-";
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
        String reason = "Ticket 4711 – Kündigung bestätigt (" + width + ")";
        page.navigate(browsers.journey().url("/operator/console/requests/" + request));
        page.fill("#reason", reason);
        jdbc.sql("delete from spring_session_attributes").update();
        jdbc.sql("delete from spring_session").update();
        page.click("#abort-open");
        page.click("#abort");
        look(page, at + "session ended", at + "console-session-ended", findings);
        page.click("#sign-in-provider");
        if (page.locator("#username").count() > 0) { // the provider asks again
          page.fill("#username", "sam");
          page.fill("#password", TestIdentityProvider.PASSWORD);
          page.click("button[type=submit]");
        }
        page.waitForURL(Pattern.compile(".*/operator/console/resume$"));
        look(page, at + "resume", at + "console-resume", findings);
        if (page.locator("header.console").count() == 0) {
          findings.add(at + "resume: shown in the customer panel's layout");
        }
        if (!language.name().equals(page.getAttribute("html", "lang"))) {
          findings.add(
              at + "resume: in " + page.getAttribute("html", "lang") + ", not the form's language");
        }
        Locator kept = page.locator("form input[name=reason]");
        if (kept.count() == 0 || !reason.equals(kept.getAttribute("value"))) {
          findings.add(at + "resume: the reason typed is lost");
        }
        page.click("#resume-send");
        page.waitForURL(browsers.journey().url("/operator/console/requests/" + request));
        if (page.locator("#abort-open").count() > 0) {
          findings.add(at + "resume: sent again, the request is still open");
        }
      }
    }
    assertThat(findings).isEmpty();
  }

  /**
   * A viewer's action refused (a form of an agent's sent by hand), in every language at both
   * widths: the refusal stays in the console, says it is the staff role, and leads to the search.
   */
  @Test
  void aRefusedActionReadsAsTheConsolesOwnPage() {
    Nic holder = fixtures.account();
    List<String> findings = new ArrayList<>();
    for (Language language : Language.values()) {
      Page page = signIn("vera", language.name(), null);
      String refusal = messages.getMessage("error.403.console", null, language.locale());
      for (int width : new int[] {1280, 390}) {
        page.setViewportSize(width, width == 390 ? 844 : 900);
        String at = language + "-" + width + "-";
        page.navigate(browsers.journey().url("/operator/console/accounts/" + holder.value()));
        page.evaluate(
            "path => { const f = document.createElement('form'); f.method = 'post';"
                + " f.action = path; const t = document.createElement('input'); t.type = 'hidden';"
                + " t.name = '_csrf'; t.value = document.querySelector('input[name=_csrf]').value;"
                + " f.appendChild(t); document.body.appendChild(f); f.submit(); }",
            "/operator/console/accounts/" + holder.value() + "/suspend");
        page.waitForURL("**/suspend");
        look(page, at + "refused", at + "console-refused", findings);
        staysInTheConsole(page, at + "refused", findings);
        if (!page.textContent("main").contains(refusal)) {
          findings.add(at + "refused: does not say the staff role is what refuses it");
        }
      }
    }
    assertThat(findings).isEmpty();
  }
}
