package org.handover.staff.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.handover.catalog.HostedService;
import org.handover.contact.ContactRole;
import org.handover.reassignment.ReassignmentCase;
import org.handover.reassignment.Reassignments;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.support.ServiceStories;
import org.handover.support.ServiceStories.Story;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The console speaks to staff in words, in their language: an audit trail's actions by their labels
 * (the service history's where it has one), who acted by kind, an account's state, a party's
 * answer, roles and categories translated; the internal names ({@code change.done}, {@code active},
 * {@code accepted}) stay in attributes, never in the text a person reads.
 */
@Import(ServiceStories.class)
class ConsoleWordsTest extends IntegrationTest {

  private static final Pattern ACTION = Pattern.compile("data-action=\"([a-zA-Z.]+)\"");

  @Autowired MockMvc mvc;
  @Autowired ServiceStories stories;
  @Autowired ActionLabels labels;
  @Autowired Reassignments reassignments;

  private String page(String path, String language) throws Exception {
    return mvc.perform(
            get(path)
                .header("Accept-Language", language)
                .with(user("vera").authorities(new SimpleGrantedAuthority("STAFF_VIEWER"))))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  /** What a person reads: the page without its tags and their attributes. */
  private static String text(String html) {
    return html.replaceAll("(?s)<[^>]*>", " ").replaceAll("\\s+", " ");
  }

  private static List<String> actions(String html) {
    return ACTION.matcher(html).results().map(m -> m.group(1)).distinct().toList();
  }

  @Test
  void aRequestsTrailNamesEachActionInTheReadersLanguage() throws Exception {
    Story story = stories.domainWithAPast();
    String html = page("/operator/console/requests/" + story.applied(), "en");

    assertThat(actions(html)).contains("change.requested", "party.accepted", "change.done");
    assertThat(text(html))
        .contains("Change requested", "Accepted by a person asked", "Change applied")
        .contains("Customer " + story.owner(), story.owner() + " · Accepted");
    for (String action : actions(html)) {
      assertThat(text(html)).as(action).doesNotContain(action);
    }

    String french = text(page("/operator/console/requests/" + story.applied(), "fr"));
    assertThat(french)
        .contains("Changement demandé", "Changement appliqué", "Client " + story.owner())
        .doesNotContain("change.done", "Change applied");
  }

  @Test
  void anAccountPageReadsInWords() throws Exception {
    Story story = stories.domainWithAPast();
    Nic nic = story.owner();
    String html = page("/operator/console/accounts/" + nic, "it");

    assertThat(html).containsPattern("id=\"account-state\"[^>]*>Attivo<");
    assertThat(text(html)).doesNotContain("account.created", "change.done", " customer ");

    Nic newcomer = fixtures.account();
    String empty = page("/operator/console/accounts/" + newcomer, "en");
    // no requests: one sentence says so, and no empty table stands under it
    assertThat(empty).contains("Nothing found.").doesNotContain("id=\"requests\"");
  }

  @Test
  void searchResultsNameStatesAndCategories() throws Exception {
    Story story = stories.domainWithAPast();
    String html = page("/operator/console?q=" + story.service().name(), "de");
    assertThat(text(html)).contains("Domain").doesNotContain(" domain ");
    String accounts = page("/operator/console?q=" + story.owner(), "fr");
    assertThat(text(accounts)).contains("Actif").doesNotContain(" active ");
  }

  @Test
  void everyActionGetsALabelThatExists() {
    assertThat(labels.key("change.done")).isEqualTo("history.action.change.done");
    assertThat(labels.key("owner.change.requested"))
        .isEqualTo("history.action.owner.change.requested");
    assertThat(labels.key("account.suspended")).isEqualTo("console.action.account.suspended");
    assertThat(labels.key("staff.code.resent")).isEqualTo("console.action.staff.code.resent");
    assertThat(labels.key("something.new")).isEqualTo(ActionLabels.OTHER);
    assertThat(labels.key(null)).isEqualTo(ActionLabels.OTHER);
  }

  @Test
  void aServicesHistoryReadsInWordsWithItsRecordMarkedTechnical() throws Exception {
    Story story = stories.domainWithAPast();
    String html = page("/operator/console/services/domain/" + story.service().name(), "es");

    assertThat(text(html)).contains("Cambio aplicado").contains("Registro técnico");
    // the raw detail is only ever inside the muted technical record, never the cell's own text
    assertThat(html).containsPattern("class=\"detail\"[^>]*>\\s*<code class=\"record\">");
    assertThat(html).doesNotContainPattern("class=\"detail\"[^>]*>[^<\\s]");
    for (String action : actions(html)) {
      assertThat(text(html)).as(action).doesNotContain(" " + action + " ");
    }
  }

  private ReassignmentCase openCase(ContactRole role, Nic holder) {
    HostedService s = fixtures.serviceOwnedBy(holder);
    return reassignments.open(
        Actor.operator("staff:alice", null),
        s.type(),
        List.of(s.name()),
        role,
        fixtures.account(),
        "Ticket 4711",
        "The contact left");
  }

  @Test
  void aCasesEndReadsInWordsForStaffAndCustomers() throws Exception {
    Nic holder = fixtures.account();
    ReassignmentCase vetoed = openCase(ContactRole.tech, holder);
    reassignments.veto(Fixtures.as(holder), vetoed.id());
    ReassignmentCase unapproved = openCase(ContactRole.admin, holder);
    clock.advance(Duration.ofDays(60));
    reassignments.runDueWork();

    assertThat(text(page("/operator/console/cases/" + vetoed.id(), "en")))
        .contains("Vetoed by customer " + holder + ".")
        .doesNotContain("vetoed by " + holder);
    String customer =
        mvc.perform(
                get("/account/support/cases/" + vetoed.id())
                    .header("Accept-Language", "it")
                    .with(user(holder.value()).authorities(() -> "ROLE_CUSTOMER")))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(text(customer)).doesNotContain("vetoed by ");
    // never approved: said so, not "not confirmed" as the record has it
    assertThat(text(page("/operator/console/cases/" + unapproved.id(), "fr")))
        .contains("aucun autre membre du support ne l’a approuvé à temps")
        .doesNotContain("not confirmed in time", "not approved");
  }

  @Test
  void aCaseSaysWhatItsEmptyStepsMean() throws Exception {
    Nic holder = fixtures.account();
    String admin =
        text(page("/operator/console/cases/" + openCase(ContactRole.admin, holder).id(), "en"));
    assertThat(admin).contains("Starts once the case is approved", "Not yet: a supervisor");
    String tech = page("/operator/console/cases/" + openCase(ContactRole.tech, holder).id(), "en");
    assertThat(text(tech)).contains("Not needed for this role");
    // at 390 px the table's cells stand alone: each says what it is
    assertThat(tech).contains("data-label=\"Contact to replace\"");
  }
}
