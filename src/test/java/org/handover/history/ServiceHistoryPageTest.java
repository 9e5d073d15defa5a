package org.handover.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.audit.AuditLog;
import org.handover.catalog.HostedService;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.support.ServiceStories;
import org.handover.support.ServiceStories.Story;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A service's page in the panel and its history: what each customer sees (no staff identity, no
 * evidence, links only to their own sets), the order, the pages, and 404 for everyone else; the
 * staff console's view of the same history with identities and evidence.
 */
@Import(ServiceStories.class)
class ServiceHistoryPageTest extends IntegrationTest {

  private static final Pattern ACTION = Pattern.compile("data-action=\"([a-z.]+)\"");

  @Autowired MockMvc mvc;
  @Autowired ServiceStories stories;
  @Autowired AuditLog audit;

  private static RequestPostProcessor signedIn(Nic nic) {
    return user(nic.value()).roles("CUSTOMER");
  }

  private static String path(HostedService s) {
    return "/account/contacts/services/" + s.type() + "/" + s.name();
  }

  private String page(Nic viewer, String path) throws Exception {
    return mvc.perform(get(path).with(signedIn(viewer)).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  private static List<String> actions(String html) {
    List<String> found = new ArrayList<>();
    Matcher m = ACTION.matcher(html);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void theAdministratorSeesEveryEventNewestFirstWithLinksToTheirSets() throws Exception {
    Story story = stories.domainWithAPast();
    String html = page(story.owner(), path(story.service()));

    assertThat(actions(html)).containsExactlyElementsOf(ServiceStories.ACTIONS_NEWEST_FIRST);
    assertThat(html)
        .contains("Reassigned by support", "Support announced a reassignment")
        .contains("Change applied", "Change refused", "Owner details corrected")
        .contains(story.techBefore() + " → " + story.techNow())
        .contains(story.owner() + " (you) → " + story.techBefore())
        .doesNotContain(story.owner() + " → ")
        .contains("href=\"/account/contacts/requests/" + story.applied() + "\"")
        .contains("href=\"/account/contacts/requests/" + story.refused() + "\"")
        .contains(">Request #" + story.applied() + "</a>")
        .contains("Support case " + story.caseId())
        .doesNotContain("alice-agent", "staff:", ServiceStories.EVIDENCE, "4711")
        .contains("href=\"/account/contacts/services/domain/" + story.service().name() + "/owner\"")
        .contains("/account/contacts/services/domain/" + story.service().name() + "/edit");
  }

  @Test
  void aContactWhoJoinedLaterSeesTheHistoryWithoutLinksToSetsTheyWereNotIn() throws Exception {
    Story story = stories.domainWithAPast();
    String html = page(story.techNow(), path(story.service()));

    assertThat(actions(html)).hasSize(8);
    assertThat(html)
        .doesNotContain("href=\"/account/contacts/requests/")
        .doesNotContain("Request #" + story.applied(), "Request #" + story.refused());
    assertThat(html).doesNotContain("alice-agent", ServiceStories.EVIDENCE);
    // the set itself stays closed to them
    mvc.perform(
            get("/account/contacts/requests/" + story.applied()).with(signedIn(story.techNow())))
        .andExpect(status().isNotFound());
  }

  @Test
  void italianAndFrenchLabels() throws Exception {
    Story story = stories.domainWithAPast();
    String it =
        mvc.perform(get(path(story.service()) + "?lang=it").with(signedIn(story.owner())))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(it).contains("Riassegnato dall’assistenza", "Modifica applicata");
    String fr =
        mvc.perform(get(path(story.service()) + "?lang=fr").with(signedIn(story.owner())))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(fr).contains("Réattribué par le support", "Changement refusé");
  }

  @Test
  void nobodyWithoutARoleTodaySeesIt() throws Exception {
    Story story = stories.domainWithAPast();
    Nic stranger = fixtures.account();
    // a former tech contact, a refuser who never held a role, a stranger: all 404
    for (Nic nic : List.of(story.techBefore(), story.refuser(), stranger)) {
      mvc.perform(get(path(story.service())).with(signedIn(nic))).andExpect(status().isNotFound());
    }
    mvc.perform(
            get("/account/contacts/services/domain/no-such-name.example")
                .with(signedIn(story.owner())))
        .andExpect(status().isNotFound());
    mvc.perform(
            get("/account/contacts/services/spaceship/" + story.service().name())
                .with(signedIn(story.owner())))
        .andExpect(status().isNotFound());
    mvc.perform(get(path(story.service()) + "?before=abc").with(signedIn(story.owner())))
        .andExpect(status().isBadRequest());
  }

  @Test
  void pagesOfFiftyFollowEachOtherWithoutGapOrRepeat() throws Exception {
    Nic me = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(me);
    for (int i = 0; i < 120; i++) {
      audit.record(Fixtures.as(me), "service.owner", s.id(), null, null);
      audit.record(Fixtures.as(me), "code.resent", s.id(), null, null); // not history
    }
    List<Long> seen = new ArrayList<>();
    String next = path(s);
    int pages = 0;
    while (next != null) {
      String html = page(me, next);
      Matcher rows = Pattern.compile("data-audit=\"(\\d+)\"").matcher(html);
      List<Long> ids = new ArrayList<>();
      while (rows.find()) {
        ids.add(Long.valueOf(rows.group(1)));
      }
      assertThat(ids.size()).isLessThanOrEqualTo(ServiceHistory.PAGE);
      seen.addAll(ids);
      Matcher older = Pattern.compile("id=\"history-older\" href=\"([^\"]+)\"").matcher(html);
      next = older.find() ? older.group(1).replace("&amp;", "&") : null;
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(121).doesNotHaveDuplicates();
    assertThat(seen).isSortedAccordingTo((x, y) -> Long.compare(y, x));
  }

  @Test
  void theConsoleShowsTheSameHistoryWithStaffIdentitiesAndEvidence() throws Exception {
    Story story = stories.domainWithAPast();
    String html =
        mvc.perform(
                get("/operator/console/services/domain/" + story.service().name())
                    .with(user("vera").authorities(new SimpleGrantedAuthority("STAFF_VIEWER"))))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(actions(html)).hasSize(8).startsWith("case.applied", "case.opened");
    assertThat(html)
        .contains("staff:alice-agent", ServiceStories.EVIDENCE)
        .contains("href=\"/operator/console/requests/" + story.applied() + "\"")
        .contains("href=\"/operator/console/cases/" + story.caseId() + "\"");
  }
}
