package org.handover.staff.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.handover.system.Actor;
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
  @Autowired Reassignments reassignments;

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
          if (path.contains("?q=" + partial) && page.locator("#services a").count() == 0) {
            findings.add(where + ": the service is not found by the start of its name");
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

  /** Fails on overflow or a message key, and keeps a screenshot named {@code shot}. */
  private static void look(Page page, String where, String shot, List<String> findings) {
    Object overflow =
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
    if (((Number) overflow).intValue() > 1) {
      findings.add(where + ": " + overflow + " px wider than the screen");
    }
    if (page.content().contains("??")) {
      findings.add(where + ": a message key instead of words");
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
}
