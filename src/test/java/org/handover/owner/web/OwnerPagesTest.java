package org.handover.owner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.contact.Contacts;
import org.handover.mail.Outbox;
import org.handover.owner.OwnerChange;
import org.handover.owner.OwnerChangeState;
import org.handover.owner.OwnerChanges;
import org.handover.owner.OwnerFixtures;
import org.handover.owner.OwnerFixtures.Letter;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The panel's owner page (the owner, an open change with each registrant's answer, cancel, the
 * transfer lock) and the public page where registrants confirm: CSRF, wrong code, unknown link.
 */
class OwnerPagesTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired HostedServices services;
  @Autowired OwnerChanges owners;
  @Autowired Outbox outbox;
  @Autowired JdbcClient jdbc;

  private Nic admin;
  private Nic tech;
  private HostedService domain;
  private String path;
  private String oldEmail;

  @BeforeEach
  void domainWithAnOwner() {
    admin = fixtures.account();
    tech = fixtures.account();
    domain = OwnerFixtures.domain(services, new Contacts(admin, tech, admin));
    path = "/account/contacts/services/domain/" + domain.name() + "/owner";
    oldEmail = services.ownerOf(domain.id()).orElseThrow().email();
  }

  private static RequestPostProcessor signedIn(Nic nic) {
    return user(nic.value()).roles("CUSTOMER");
  }

  private OwnerChange requestThroughThePanel(String newEmail) throws Exception {
    mvc.perform(
            post(path)
                .param("ownerName", "New Owner")
                .param("organisation", "")
                .param("email", newEmail)
                .param("address", "2 New Street")
                .param("phone", "")
                .param("understood", "true")
                .with(signedIn(admin))
                .with(csrf()))
        .andExpect(status().is3xxRedirection())
        .andExpect(flash().attribute("notice", containsString("current and the new owner")));
    return owners.openChange(admin, domain.name());
  }

  @Test
  void theOwnerPageShowsTheOpenChangeToContactsAndOnlyTheAdminCancels() throws Exception {
    String newEmail = OwnerFixtures.newEmail();
    OwnerChange c = requestThroughThePanel(newEmail);

    mvc.perform(get(path).with(signedIn(admin)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Owner change " + c.id())))
        .andExpect(content().string(containsString("Waiting for the owners’ confirmation")))
        .andExpect(content().string(containsString(oldEmail + ": not answered yet")))
        .andExpect(content().string(containsString(newEmail + ": not answered yet")))
        .andExpect(content().string(containsString("cancel-owner-change")));
    mvc.perform(get(path).with(signedIn(tech)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Owner change " + c.id())))
        .andExpect(content().string(not(containsString("cancel-owner-change"))));

    mvc.perform(post(path + "/change/cancel").with(signedIn(tech)).with(csrf()))
        .andExpect(flash().attribute("alert", containsString("Only the administrator")));
    assertThat(owners.openChange(admin, domain.name()).state()).isEqualTo(OwnerChangeState.open);

    mvc.perform(post(path + "/change/cancel").with(signedIn(admin)).with(csrf()))
        .andExpect(flash().attribute("notice", containsString("cancelled")));
    assertThat(owners.view(admin, domain.name()).openChange()).isEmpty();
    mvc.perform(get(path).with(signedIn(admin)))
        .andExpect(content().string(not(containsString("Owner change " + c.id()))));
  }

  /**
   * Cancelling an owner change voids both owners' codes: the button opens a question first. While
   * the change is open the form below is disabled, and the page says why.
   */
  @Test
  void cancellingAnOwnerChangeAsksFirstAndTheLockedFormSaysWhy() throws Exception {
    requestThroughThePanel(OwnerFixtures.newEmail());

    String html =
        mvc.perform(get(path).with(signedIn(admin)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    int form = html.indexOf("/change/cancel\"");
    int details = html.lastIndexOf("<details class=\"confirm\">", form);
    assertThat(details).as("the cancel form sits in a question").isPositive();
    assertThat(html.substring(details, form)).doesNotContain("</details>");
    assertThat(html.substring(form, html.indexOf("</details>", form)))
        .contains("The codes sent to both owners stop working")
        .contains("id=\"cancel-owner-change\"");
    assertThat(html)
        .contains("While this owner change is open, the owner information cannot be edited")
        .contains("Current owner’s answer</dt>", "New owner’s answer</dt>");
    assertThat(html.split(">New owner</dt>", -1)).as("one row called New owner").hasSize(2);
    assertThat(html)
        .as("a value shown is not called optional")
        .doesNotContain("(optional)</dt>")
        .contains(">Organisation</dt>");

    mvc.perform(get(path).with(signedIn(tech)))
        .andExpect(content().string(not(containsString("While this owner change is open"))));
  }

  @Test
  void anOverLongOwnerNameIsRefusedByNameAndLimitAndTheFormKeepsWhatWasTyped() throws Exception {
    var before = services.ownerOf(domain.id()).orElseThrow();
    String longName = "N".repeat(201);
    var refused =
        mvc.perform(
                post(path)
                    .param("ownerName", longName)
                    .param("organisation", "Typed Org")
                    .param("email", "typed@example.org")
                    .param("address", "7 Typed Street")
                    .param("phone", "+39 02 1234")
                    .param("understood", "true")
                    .with(signedIn(admin))
                    .with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andExpect(flash().attribute("alert", "Owner name: at most 200 characters."))
            .andReturn();

    assertThat(services.ownerOf(domain.id()).orElseThrow()).isEqualTo(before);
    assertThat(owners.view(admin, domain.name()).openChange()).isEmpty();
    mvc.perform(get(path).cookie(refused.getResponse().getCookies()).with(signedIn(admin)))
        .andExpect(content().string(containsString("value=\"" + longName + "\"")))
        .andExpect(content().string(containsString("value=\"Typed Org\"")))
        .andExpect(content().string(containsString("value=\"typed@example.org\"")))
        .andExpect(content().string(containsString("value=\"7 Typed Street\"")))
        .andExpect(content().string(containsString("value=\"+39 02 1234\"")))
        // the record shown above the form stays the stored one
        .andExpect(content().string(containsString("<dd>" + before.name() + "</dd>")));
  }

  @Test
  void anUntickedWarningKeepsWhatWasTypedToo() throws Exception {
    var refused =
        mvc.perform(
                post(path)
                    .param("ownerName", "Typed Owner")
                    .param("email", "typed@example.org")
                    .param("address", "7 Typed Street")
                    .with(signedIn(admin))
                    .with(csrf()))
            .andExpect(flash().attribute("alert", containsString("Tick the box")))
            .andReturn();

    mvc.perform(get(path).cookie(refused.getResponse().getCookies()).with(signedIn(admin)))
        .andExpect(content().string(containsString("value=\"Typed Owner\"")))
        .andExpect(content().string(containsString("value=\"7 Typed Street\"")));
  }

  @Test
  void anOverLongOwnerFieldIsNamedInTheCustomersLanguage() throws Exception {
    mvc.perform(
            post(path)
                .param("ownerName", "Owner")
                .param("email", "typed@example.org")
                .param("address", "A".repeat(1001))
                .param("understood", "true")
                .header("Accept-Language", "fr")
                .with(signedIn(admin))
                .with(csrf()))
        .andExpect(
            flash().attribute("alert", "Adresse postale\u202f: 1000 caractères au maximum."));
  }

  @Test
  void aSecondChangeIsRefusedWithTheOpenOnesNumber() throws Exception {
    OwnerChange c = requestThroughThePanel(OwnerFixtures.newEmail());
    mvc.perform(
            post(path)
                .param("ownerName", "Third Owner")
                .param("email", OwnerFixtures.newEmail())
                .param("address", "3 Road")
                .param("understood", "true")
                .with(signedIn(admin))
                .with(csrf()))
        .andExpect(flash().attribute("alert", containsString("Owner change " + c.id())));
  }

  @Test
  void theOwnerPageShowsTheTransferLock() throws Exception {
    mvc.perform(get(path).with(signedIn(tech)))
        .andExpect(content().string(containsString("Transfer lock")))
        .andExpect(content().string(containsString("None")));
    jdbc.sql("update domain_owners set transfer_locked_until = ? where service_id = ?")
        .params(java.sql.Timestamp.from(Instant.parse("2031-01-15T10:00:00Z")), domain.id())
        .update();
    mvc.perform(get(path).with(signedIn(tech)))
        .andExpect(content().string(containsString("datetime=\"2031-01-15T10:00:00Z\"")));
  }

  @Test
  void registrantsConfirmOnThePublicPageWithoutAnAccount() throws Exception {
    String newEmail = OwnerFixtures.newEmail();
    OwnerChange c = requestThroughThePanel(newEmail);
    Letter current = OwnerFixtures.letterTo(outbox, c.id(), oldEmail);
    Letter incoming = OwnerFixtures.letterTo(outbox, c.id(), newEmail);

    // the email's link opens the page with the code filled in; a GET changes nothing
    mvc.perform(get("/owner-change/" + current.link()).param("code", current.code()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(domain.name())))
        .andExpect(content().string(containsString("value=\"" + current.code() + "\"")))
        .andExpect(content().string(containsString("Current owner")))
        .andExpect(content().string(containsString("name=\"_csrf\"")));
    assertThat(owners.openChange(admin, domain.name()).parties())
        .allSatisfy(p -> assertThat(p.status()).isEqualTo(OwnerChange.PartyAnswer.pending));

    // without the CSRF token the form is refused and nothing is answered
    mvc.perform(
            post("/owner-change/" + current.link())
                .param("code", current.code())
                .param("decision", "accept"))
        .andExpect(status().isForbidden());
    assertThat(owners.openChange(admin, domain.name()).party(org.handover.owner.Registrant.current))
        .get()
        .extracting(OwnerChange.Party::status)
        .isEqualTo(OwnerChange.PartyAnswer.pending);

    mvc.perform(
            post("/owner-change/" + current.link())
                .param("code", current.code())
                .param("decision", "accept")
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("waits for the other owner")));
    mvc.perform(
            post("/owner-change/" + incoming.link())
                .param("code", incoming.code())
                .param("decision", "accept")
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("has its new owner")));
    assertThat(services.ownerOf(domain.id()).orElseThrow().email()).isEqualTo(newEmail);
  }

  @Test
  void aRegistrantRefusesWithAReason() throws Exception {
    OwnerChange c = requestThroughThePanel(OwnerFixtures.newEmail());
    Letter current = OwnerFixtures.letterTo(outbox, c.id(), oldEmail);
    mvc.perform(
            post("/owner-change/" + current.link())
                .param("code", current.code())
                .param("decision", "refuse")
                .param("reason", "Not sold")
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("is refused; nothing changed")));
    assertThat(services.ownerOf(domain.id()).orElseThrow().name()).isEqualTo("Old Owner");
  }

  @Test
  void aWrongCodeKeepsWhatWasTypedAndRefusingAsksFirst() throws Exception {
    OwnerChange c = requestThroughThePanel(OwnerFixtures.newEmail());
    Letter current = OwnerFixtures.letterTo(outbox, c.id(), oldEmail);
    mvc.perform(get("/owner-change/" + current.link()).param("code", current.code()))
        .andExpect(content().string(containsString("id=\"refuse-open\"")))
        .andExpect(content().string(containsString("cannot be undone")));
    mvc.perform(
            post("/owner-change/" + current.link())
                .param("code", "AAAA-BBBB")
                .param("decision", "refuse")
                .param("reason", "Never sold it")
                .with(csrf())
                .with(from("198.51.100.73")))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("value=\"Never sold it\"")))
        .andExpect(content().string(containsString("value=\"AAAA-BBBB\"")));
    assertThat(owners.openChange(admin, domain.name()).state()).isEqualTo(OwnerChangeState.open);
  }

  @Test
  void aWrongCodeAndAnUnknownLinkLookTheSame() throws Exception {
    OwnerChange c = requestThroughThePanel(OwnerFixtures.newEmail());
    Letter current = OwnerFixtures.letterTo(outbox, c.id(), oldEmail);

    String wrong =
        mvc.perform(
                post("/owner-change/" + current.link())
                    .param("code", "AAAA-BBBB")
                    .param("decision", "accept")
                    .with(csrf())
                    .with(from("198.51.100.71")))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String unknown =
        mvc.perform(
                post("/owner-change/NOSUCHLINKATALL")
                    .param("code", "AAAA-BBBB")
                    .param("decision", "accept")
                    .with(csrf())
                    .with(from("198.51.100.72")))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(refusalOf(wrong)).isEqualTo(refusalOf(unknown)).contains("not valid");
    assertThat(wrong).doesNotContain(domain.name());
    mvc.perform(get("/owner-change/NOSUCHLINKATALL"))
        .andExpect(status().isNotFound())
        .andExpect(content().string(not(containsString(domain.name()))));
    assertThat(owners.openChange(admin, domain.name()).state()).isEqualTo(OwnerChangeState.open);
  }

  private static RequestPostProcessor from(String address) {
    return r -> {
      r.setRemoteAddr(address);
      return r;
    };
  }

  private static String refusalOf(String page) {
    int at = page.indexOf("id=\"owner-change-refusal\"");
    assertThat(at).as("refusal banner").isPositive();
    return page.substring(at, page.indexOf("</div>", at));
  }
}
