package org.handover.staff.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import java.time.Duration;
import java.util.regex.Pattern;
import org.handover.audit.AuditLog;
import org.handover.catalog.HostedService;
import org.handover.contact.Contacts;
import org.handover.mail.MailKind;
import org.handover.reassignment.ReassignmentState;
import org.handover.reassignment.Reassignments;
import org.handover.staff.StaffConsoleSettings;
import org.handover.support.BrowserJourneys;
import org.handover.support.Fixtures;
import org.handover.support.MutableClock;
import org.handover.support.TestClockConfiguration;
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
 * "Our administrator left", end to end in a real headless Chromium: staff sign in through the
 * in-process OpenID Connect provider, an agent opens an administrator-role case, a supervisor
 * approves it, the current administrator vetoes it from the email's link (nothing changes); a
 * second case is confirmed by the new contact, runs through its cooling-off (the test moves the
 * clock) and is applied, and the audit shows both staff members and the evidence.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class StaffJourneysTest {

  static final TestIdentityProvider IDP = TestIdentityProvider.start();
  @RegisterExtension static final BrowserJourneys browsers = new BrowserJourneys();

  @DynamicPropertySource
  static void identityProvider(DynamicPropertyRegistry registry) {
    StaffConsoleSettings.register(registry, IDP);
  }

  @Autowired Fixtures fixtures;
  @Autowired MutableClock clock;
  @Autowired Reassignments reassignments;
  @Autowired AuditLog audit;

  @BeforeEach
  void allowRedirect() {
    IDP.allowRedirect(url("/operator/console/login/oauth2/code/staff"));
  }

  private String url(String path) {
    return browsers.journey().url(path);
  }

  private Page open() {
    return browsers.journey().open("en");
  }

  private void screenshot(Page page, String what) {
    browsers.journey().screenshot(page, what);
  }

  /** A staff member signs in through the identity provider. */
  private Page staff(String person) {
    Page page = open();
    page.navigate(url("/operator/console"));
    page.waitForURL(url("/operator/console/login"));
    page.click("#sign-in-provider");
    page.waitForURL("http://127.0.0.1:*/login");
    page.fill("#username", person);
    page.fill("#password", TestIdentityProvider.PASSWORD);
    page.click("button[type=submit]");
    try {
      page.waitForURL(Pattern.compile(".*/operator/console(\\?.*)?$"));
    } catch (TimeoutError e) {
      throw new AssertionError("staff sign-in ended on " + page.url() + ":\n" + page.content(), e);
    }
    return page;
  }

  private Page customer(Nic nic) {
    Page page = open();
    page.navigate(url("/login"));
    page.fill("#login", nic.value());
    page.fill("#password", Fixtures.PASSWORD);
    page.click("form.card button[type=submit]");
    page.waitForURL(url("/account/contacts/services"));
    return page;
  }

  /** The agent opens an administrator-role case from the service's page; returns its id. */
  private long openAdminCase(Page agent, HostedService s, Nic to) {
    agent.fill("#q", s.name());
    agent.click("form[role=search] button[type=submit]");
    agent.click("#services a:text('" + s.name() + "')");
    agent.waitForURL("**/operator/console/services/domain/" + s.name());
    screenshot(agent, "service-view");
    agent.click("a[href*='/operator/console/cases/new']");
    agent.selectOption("#role", "admin");
    agent.fill("#newContact", to.value());
    agent.fill("#evidence", "Ticket 4711: company register extract and ID card checked");
    agent.fill("#reason", "The administrator left the company");
    screenshot(agent, "case-form");
    agent.click("#case-form button[type=submit]");
    agent.waitForURL("**/operator/console/cases/*");
    assertThat(agent.locator("#case-state")).hasText("Awaiting approval");
    assertThat(agent.locator("#approve")).hasCount(0); // an agent cannot approve
    screenshot(agent, "case-awaiting-approval");
    String path = agent.url();
    return Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
  }

  private void approve(Page supervisor, long id) {
    supervisor.navigate(url("/operator/console/cases/" + id));
    supervisor.click("#approve-open");
    supervisor.click("#approve");
    assertThat(supervisor.locator(".banner.ok")).isVisible();
    assertThat(supervisor.locator("#case-state")).hasText("Cooling-off");
    // the name the supervisor goes by, with their stable identity (issuer and sub) beside it
    assertThat(supervisor.locator("#case-approved-by")).hasText("sam");
    assertThat(supervisor.locator("#case-approved-by"))
        .hasAttribute("title", "staff:" + IDP.issuer() + "#sam");
    screenshot(supervisor, "case-approved");
  }

  @Test
  void a_anAdministratorVetoesAnApprovedCaseAndNothingChanges() {
    Nic a = fixtures.accountThatSignsIn(Language.en);
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);

    Page agent = staff("alice");
    screenshot(agent, "console-signed-in");
    long id = openAdminCase(agent, s, x);
    approve(staff("sam"), id);

    fixtures.awaitMail(fixtures.email(a), MailKind.CASE_NOTICE);
    Page admin = customer(a);
    admin.navigate(url("/account/support/cases/" + id));
    screenshot(admin, "admin-sees-the-case");
    admin.click("#veto-open");
    admin.click("#veto");
    assertThat(admin.locator(".banner.ok")).isVisible();
    assertThat(admin.locator("#case-state")).hasText("Vetoed");
    screenshot(admin, "admin-vetoed");

    agent.navigate(url("/operator/console/cases/" + id));
    assertThat(agent.locator("#case-state")).hasText("Vetoed");
    screenshot(agent, "staff-sees-the-veto");
    clock.advance(Duration.ofDays(8));
    reassignments.runDueWork();
    assertThat(fixtures.contactsOf(s)).isEqualTo(Contacts.allTo(a));
  }

  @Test
  void b_aConfirmedCaseRunsThroughItsCoolingOffAndIsApplied() {
    Nic a = fixtures.account();
    Nic x = fixtures.accountThatSignsIn(Language.it);
    HostedService s = fixtures.serviceOwnedBy(a);

    Page agent = staff("alice");
    long id = openAdminCase(agent, s, x);
    approve(staff("sam"), id);

    String code = fixtures.codeSentTo(fixtures.email(x), MailKind.CASE_CODE);
    Page newContact = customer(x);
    newContact.navigate(url("/account/support/cases/" + id + "?token=" + code));
    assertThat(newContact.locator("#token")).hasValue(code);
    screenshot(newContact, "new-contact-confirms");
    newContact.click("#confirm");
    assertThat(newContact.locator(".banner.ok")).isVisible();

    clock.advance(Duration.ofDays(7));
    reassignments.runDueWork();
    assertThat(reassignments.get(id).state()).isEqualTo(ReassignmentState.applied);
    assertThat(fixtures.contactsOf(s).admin()).isEqualTo(x);

    agent.navigate(url("/operator/console/cases/" + id));
    assertThat(agent.locator("#case-state")).hasText("Applied");
    screenshot(agent, "case-applied");
    agent.navigate(url("/operator/console/services/domain/" + s.name()));
    assertThat(agent.locator("#history"))
        .containsText(
            "openedBy=staff:"
                + IDP.issuer()
                + "#alice approvedBy=staff:"
                + IDP.issuer()
                + "#sam evidence=Ticket 4711");
    screenshot(agent, "service-history");
  }
}
