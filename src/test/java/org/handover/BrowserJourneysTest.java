package org.handover;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.billing;
import static org.handover.contact.ContactRole.tech;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.change.ChangeState;
import org.handover.contact.Contacts;
import org.handover.mail.MailKind;
import org.handover.mail.MailTemplates;
import org.handover.mail.Outbox;
import org.handover.mail.OutboxMessage;
import org.handover.owner.OwnerFixtures;
import org.handover.support.BrowserJourneys;
import org.handover.support.ChangeUseCases;
import org.handover.support.Fixtures;
import org.handover.support.MutableClock;
import org.handover.support.TestClockConfiguration;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The panel's journeys in a real headless Chromium, each page saved as a screenshot under
 * target/screenshots/. Codes are taken from the links of the emails Handover wrote.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class, ChangeUseCases.class})
class BrowserJourneysTest {

  @RegisterExtension static final BrowserJourneys browsers = new BrowserJourneys();

  @Autowired Fixtures fixtures;
  @Autowired MutableClock clock;
  @Autowired Outbox outbox;
  @Autowired MailTemplates templates;
  @Autowired ChangeUseCases changes;
  @Autowired HostedServices services;

  private String url(String path) {
    return browsers.journey().url(path);
  }

  private Page open(String language) {
    return browsers.journey().open(language);
  }

  private void screenshot(Page page, String what) {
    browsers.journey().screenshot(page, what);
  }

  private Page signIn(Nic nic, String language) {
    Page page = open(language);
    page.navigate(url("/login"));
    page.fill("#login", nic.value());
    page.fill("#password", Fixtures.PASSWORD);
    screenshot(page, "sign-in");
    page.click("form.card button[type=submit]");
    page.waitForURL(url("/account/contacts/services"));
    return page;
  }

  /** The link of the newest code email to this account, as the email shows it. */
  private String emailedLink(Nic nic) {
    OutboxMessage mail =
        outbox.newest(0, 100).stream()
            .filter(m -> nic.value().equals(m.recipientNic()))
            .filter(
                m -> m.kind() == MailKind.CHANGE_CODE || m.kind() == MailKind.CHANGE_CODE_RESENT)
            .findFirst()
            .orElseThrow();
    Matcher link =
        Pattern.compile("http://localhost:\\d+(/account/contacts/requests/\\d+\\?token=[0-9A-Z-]+)")
            .matcher(templates.render(mail).text());
    assertThat(link.find()).isTrue();
    return url(link.group(1));
  }

  private void editContacts(Page page, HostedService s) {
    page.locator("tr[data-service='" + s.name() + "'] a[href$='/edit']").click();
    page.waitForURL("**/edit");
  }

  /** Journey (a), in the given language; returns the service for further checks. */
  private HostedService adminHandsTechOver(Language language, String done, String waits) {
    Nic a = fixtures.accountThatSignsIn(language);
    Nic x = fixtures.accountThatSignsIn(language);
    HostedService s = fixtures.serviceOwnedBy(a);

    Page admin = signIn(a, language.name());
    screenshot(admin, "my-services");
    editContacts(admin, s);
    screenshot(admin, "edit");
    admin.fill("#tech", x.value());
    admin.click("#review");
    assertThat(admin.locator("#planned")).containsText(x.value());
    screenshot(admin, "review");
    admin.click("#confirm");
    admin.waitForURL("**/account/contacts/requests/*");
    assertThat(admin.locator(".banner.ok")).isVisible();
    screenshot(admin, "created");

    admin.navigate(emailedLink(a));
    screenshot(admin, "requests-from-email");
    admin.locator("button.accept").click();
    assertThat(admin.locator(".banner.ok")).containsText(waits);
    screenshot(admin, "accepted-waiting");

    Page newTech = signIn(x, language.name());
    newTech.navigate(emailedLink(x));
    screenshot(newTech, "requests-from-email");
    newTech.locator("button.accept").click();
    assertThat(newTech.locator(".banner.ok")).containsText(done);
    screenshot(newTech, "done");

    for (Page p : List.of(admin, newTech)) {
      p.navigate(url("/account/contacts/services"));
      assertThat(p.locator("tr[data-service='" + s.name() + "'] .contact-tech")).hasText(x.value());
    }
    screenshot(newTech, "my-services-after");
    assertThat(fixtures.contactsOf(s)).isEqualTo(new Contacts(a, x, a));
    return s;
  }

  @Test
  void a_adminHandsTheTechRoleToAnotherAccount() {
    adminHandsTechOver(Language.en, "Done:", "waits for");
  }

  @Test
  void a2_bulkHandoverOfEveryServiceMatchingAFilter() {
    Nic r = fixtures.accountThatSignsIn(Language.en);
    Nic agency = fixtures.accountThatSignsIn(Language.en);
    Nic other = fixtures.account();
    List<HostedService> mine =
        List.of(fixtures.serviceOwnedBy(r), fixtures.serviceOwnedBy(r), fixtures.serviceOwnedBy(r));
    // r pays for this one but does not hold its tech role: left out, with the reason
    HostedService notMine = fixtures.service(other, other, r);

    Page page = signIn(r, "en");
    page.locator("#service-filters summary").click();
    page.selectOption("#type", "domain");
    page.locator("#apply-filters").click();
    page.locator("#bulk summary").click();
    page.check("#bulk-role-tech");
    page.fill("#bulk-to", agency.value());
    page.check("#bulk-all");
    screenshot(page, "select-by-filter");
    page.click("#bulk-review");
    assertThat(page.locator("#bulk-included")).containsText("3 changes will be requested");
    assertThat(page.locator("#bulk-excluded")).containsText(notMine.name());
    assertThat(page.locator("#bulk-excluded")).containsText("can hand that role over");
    screenshot(page, "review-with-excluded");
    page.click("#bulk-confirm");
    page.waitForURL("**/account/contacts/requests/*");
    assertThat(page.locator(".banner.ok")).containsText("3 changes");
    assertThat(page.locator("#request-items tbody tr")).hasCount(3);
    screenshot(page, "created");

    page.navigate(emailedLink(r));
    page.locator("#request-actions button.accept").click();
    assertThat(page.locator(".banner.ok")).containsText("waits for");

    Page agencyPage = signIn(agency, "en");
    assertThat(agencyPage.locator("#nav-awaiting")).hasText("To confirm (1)");
    agencyPage.locator("#nav-awaiting").click();
    assertThat(agencyPage.locator("#requests tbody tr")).hasCount(1);
    screenshot(agencyPage, "awaiting-my-token");
    agencyPage.navigate(emailedLink(agency));
    screenshot(agencyPage, "set-from-email");
    agencyPage.locator("#request-actions button.accept").click();
    assertThat(agencyPage.locator(".banner.ok")).containsText("Done");
    assertThat(agencyPage.locator("#nav-awaiting")).hasCount(0);

    for (Page p : List.of(page, agencyPage)) {
      p.navigate(url("/account/contacts/services"));
      for (HostedService s : mine) {
        assertThat(p.locator("tr[data-service='" + s.name() + "'] .contact-tech"))
            .hasText(agency.value());
      }
    }
    screenshot(agencyPage, "my-services-after");
    assertThat(fixtures.contactsOf(notMine).tech()).isEqualTo(other);
  }

  @Test
  void b_techContactHandsOverOwnRoleAndSeesAdminReadOnly() {
    Nic a = fixtures.accountThatSignsIn(Language.en);
    Nic t = fixtures.accountThatSignsIn(Language.en);
    Nic y = fixtures.account();
    HostedService s = fixtures.service(a, t, a);

    Page page = signIn(t, "en");
    editContacts(page, s);
    assertThat(page.locator("input#admin")).hasCount(0);
    assertThat(page.locator("#field-admin .readonly")).hasText(a.value());
    assertThat(page.locator("#field-admin .lock-reason")).containsText("Only the administrator");
    screenshot(page, "edit-read-only-admin");
    page.fill("#tech", y.value());
    page.click("#review");
    page.click("#confirm");
    assertThat(page.locator(".banner.ok")).containsText("will receive an email");
    screenshot(page, "created");
    assertThat(changes.taskIdsInvolving(t, ChangeState.validatingByCustomers, t, y)).hasSize(1);
  }

  @Test
  void c_billingChangeBlockedByDebtCreatesNothing() {
    Nic a = fixtures.accountThatSignsIn(Language.en);
    Nic owing = fixtures.accountInDebt();
    Nic alsoOwing = fixtures.accountInDebt();
    HostedService blocked = fixtures.service(a, a, owing);
    HostedService clean = fixtures.serviceOwnedBy(a);

    Page page = signIn(a, "en");
    editContacts(page, blocked);
    assertThat(page.locator("input#billing")).hasCount(0);
    assertThat(page.locator("#field-billing .lock-reason")).containsText("for a payment reason");
    assertThat(page.locator("#field-billing .lock-reason")).not().containsText(owing.value());
    screenshot(page, "billing-locked");

    page.navigate(url("/account/contacts/services"));
    editContacts(page, clean);
    page.fill("#billing", alsoOwing.value());
    page.click("#review");
    assertThat(page.locator("#field-billing .error")).containsText("for a payment reason");
    screenshot(page, "billing-refused");
    assertThat(changes.taskIdsInvolving(a, null, null, null)).isEmpty();
  }

  @Test
  void d_wrongCodeThenReusedCodeAreRefusedClearly() {
    Nic a = fixtures.accountThatSignsIn(Language.en);
    Nic x = fixtures.accountThatSignsIn(Language.en);
    HostedService s = fixtures.serviceOwnedBy(a);
    long id =
        changes
            .request(Fixtures.as(a), s.type(), s.name(), java.util.Map.of(tech, x))
            .orElseThrow()
            .id();

    Page page = signIn(x, "en");
    String link = emailedLink(x);
    page.navigate(url("/account/contacts/requests/" + id));
    page.fill("#code-" + id, "WRONG-CODE-0000");
    page.locator("button.accept").click();
    assertThat(page.locator(".banner.bad")).containsText("This token is not valid");
    assertThat(page.locator(".banner.bad")).containsText("Tries left before the token stops");
    // the answer's buttons stand in one row, not stacked
    org.assertj.core.api.Assertions.assertThat(page.locator("summary.refuse-open").boundingBox().y)
        .isEqualTo(page.locator("summary.resend-open").boundingBox().y);
    screenshot(page, "wrong-code");

    Page second = page.context().newPage();
    second.navigate(link);
    page.navigate(link);
    page.locator("button.accept").click();
    assertThat(page.locator(".banner.ok")).containsText("waits for " + a);
    // the code is spent: the other tab cannot refuse with it (accepting again would be a no-op)
    second.locator("summary.refuse-open").click();
    second.locator("button.refuse").click();
    assertThat(second.locator(".banner.bad")).containsText("You have already accepted request #");
    screenshot(second, "reused-code");
    assertThat(changes.get(x, id).pendingParties()).containsExactly(a);
    assertThat(fixtures.contactsOf(s)).isEqualTo(Contacts.allTo(a));
  }

  @Test
  void e_refusalByTheNewContactLeavesContactsUnchanged() {
    Nic a = fixtures.accountThatSignsIn(Language.en);
    Nic x = fixtures.accountThatSignsIn(Language.en);
    HostedService s = fixtures.serviceOwnedBy(a);
    long id =
        changes
            .request(Fixtures.as(a), s.type(), s.name(), java.util.Map.of(billing, x))
            .orElseThrow()
            .id();

    Page newContact = signIn(x, "en");
    newContact.navigate(emailedLink(x));
    newContact.locator("summary.refuse-open").click();
    assertThat(newContact.locator("#refuse-code-" + id)).hasValue(fixtures.codeFor(id, x));
    newContact.fill("#reason-" + id, "I do not look after this domain");
    screenshot(newContact, "refuse-confirmation");
    newContact.locator("button.refuse").click();
    assertThat(newContact.locator("#request-summary .state")).hasText("Refused");
    screenshot(newContact, "refused");

    Page admin = signIn(a, "en");
    admin.navigate(url("/account/contacts/requests"));
    assertThat(admin.locator("#request-" + id + " .state")).hasText("Refused");
    assertThat(admin.locator("#request-" + id + " .status"))
        .containsText("Refused by " + x + ": “I do not look after this domain”");
    screenshot(admin, "refused-for-asker");
    assertThat(fixtures.contactsOf(s)).isEqualTo(Contacts.allTo(a));
  }

  @Test
  void f_theWholeHandoverInItalian() {
    adminHandsTechOver(Language.it, "Fatto:", "attende");
  }

  @Test
  void g_theEditFormWorksWithTheKeyboardOnly() {
    Nic a = fixtures.accountThatSignsIn(Language.en);
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);

    Page page = signIn(a, "en");
    page.navigate(url("/account/contacts/services/domain/" + s.name() + "/edit"));
    for (int i = 0; i < 40 && !"tech".equals(page.evaluate("document.activeElement.id")); i++) {
      page.keyboard().press("Tab");
    }
    assertThat(page.evaluate("document.activeElement.id")).isEqualTo("tech");
    page.keyboard().press("Control+A");
    page.keyboard().type(x.value());
    screenshot(page, "typed");
    page.keyboard().press("Enter");
    page.waitForSelector("#planned");
    for (int i = 0; i < 40 && !"confirm".equals(page.evaluate("document.activeElement.id")); i++) {
      page.keyboard().press("Tab");
    }
    assertThat(page.evaluate("document.activeElement.id")).isEqualTo("confirm");
    page.keyboard().press("Enter");
    page.waitForURL("**/account/contacts/requests/*");
    assertThat(page.locator(".banner.ok")).isVisible();
    screenshot(page, "created");
    assertThat(changes.taskIdsInvolving(a, null, a, x)).hasSize(1);
  }

  @Test
  void h_errorPagesKeepThePanelStyleAndShowNoStackTrace() {
    Nic a = fixtures.accountThatSignsIn(Language.fr);
    Page page = signIn(a, "fr");

    page.navigate(url("/account/nothing-here"));
    assertThat(page.locator("h1")).hasText("Page introuvable");
    assertThat(page.locator("header.top")).isVisible();
    screenshot(page, "not-found");

    page.navigate(url("/account/contacts/requests/999999999"));
    assertThat(page.locator("h1")).hasText("Cela n’a pas fonctionné");
    assertThat(page.locator("main")).containsText("999999999");
    assertThat(page.locator("body")).not().containsText("Exception");
    screenshot(page, "unknown-request");
  }

  /**
   * The public page's link of the owner-change code email to this address, as the email shows it.
   */
  private String ownerLink(String email) {
    OutboxMessage mail =
        outbox.newest(0, 100).stream()
            .filter(m -> m.kind() == MailKind.OWNER_CHANGE_CODE)
            .filter(m -> email.equals(m.recipientEmail()))
            .findFirst()
            .orElseThrow();
    Matcher link =
        Pattern.compile("http://localhost:\\d+(/owner-change/[0-9A-Z]+\\?code=[0-9A-Z-]+)")
            .matcher(templates.render(mail).text());
    assertThat(link.find()).isTrue();
    return url(link.group(1));
  }

  @Test
  void i_ownerChangeConfirmedByBothRegistrantsWithoutAccounts() {
    Nic a = fixtures.accountThatSignsIn(Language.en);
    HostedService s = OwnerFixtures.domain(services, Contacts.allTo(a));
    String oldEmail = services.ownerOf(s.id()).orElseThrow().email();
    String newEmail = OwnerFixtures.newEmail();

    Page admin = signIn(a, "en");
    admin.navigate(url("/account/contacts/services/domain/" + s.name() + "/owner"));
    admin.fill("#ownerName", "Grace Hopper");
    admin.fill("#email", newEmail);
    admin.check("input[name=understood]");
    screenshot(admin, "owner-change-form");
    admin.locator("form.card button[type=submit]").click();
    assertThat(admin.locator(".banner.ok")).containsText("the current and the new owner");
    assertThat(admin.locator("#owner-change-state"))
        .hasText("Waiting for the owners’ confirmation");
    screenshot(admin, "owner-change-open");

    for (String email : List.of(oldEmail, newEmail)) {
      Page registrant = open("en");
      registrant.navigate(ownerLink(email));
      assertThat(registrant.locator("main")).containsText(s.name());
      assertThat(registrant.locator("#code")).not().hasValue("");
      screenshot(registrant, "registrant-page");
      registrant.locator("#accept").click();
      assertThat(registrant.locator("#owner-change-outcome")).isVisible();
      screenshot(registrant, "registrant-answered");
    }

    admin.reload();
    assertThat(admin.locator("#current-owner")).containsText("Grace Hopper");
    assertThat(admin.locator("#current-owner")).containsText(newEmail);
    assertThat(admin.locator("#owner-change")).hasCount(0);
    screenshot(admin, "owner-changed");
  }
}
