package org.handover.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.catalog.HostedService;
import org.handover.contact.ContactRole;
import org.handover.reassignment.Reassignments;
import org.handover.support.IntegrationTest;
import org.handover.support.StatementCounter;
import org.handover.system.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The console's cases list costs the same statements for 1 case on the page as for 50, and every
 * case can be reached through its pages.
 */
@Import(StatementCounter.class)
class CasesListStatementsTest extends IntegrationTest {

  private static final Actor AGENT = Actor.operator("staff:alice", "192.0.2.1");

  @Autowired MockMvc mvc;
  @Autowired StatementCounter statements;
  @Autowired Reassignments cases;

  private void openCases(int count) {
    for (int i = 0; i < count; i++) {
      HostedService one = fixtures.serviceOwnedBy(fixtures.account());
      HostedService two = fixtures.serviceOwnedBy(fixtures.contactsOf(one).admin());
      cases.open(
          AGENT,
          one.type(),
          List.of(one.name(), two.name()),
          ContactRole.tech,
          fixtures.account(),
          "ticket " + i,
          "tech left");
    }
  }

  private String list(String query) throws Exception {
    return mvc.perform(
            get("/operator/console/cases" + query)
                .with(user("vera").authorities(new SimpleGrantedAuthority("STAFF_VIEWER"))))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  @Test
  void everyCaseIsReachedThroughThePagesOfTheList() throws Exception {
    openCases(51);
    String first = list("");
    assertThat(first).contains("id=\"cases-older\"").doesNotContain("id=\"cases-newer\"");
    String second = list("?open=false&page=1");
    assertThat(second).contains("id=\"cases-newer\"");
    Matcher link = Pattern.compile("/operator/console/cases/(\\d+)\"").matcher(first);
    assertThat(link.find()).isTrue();
    assertThat(second).doesNotContain("/operator/console/cases/" + link.group(1) + "\"");
    assertThat(list("?page=100000")).doesNotContain("id=\"cases-older\"");
  }

  private int statementsOfTheList() throws Exception {
    statements.reset();
    String html =
        mvc.perform(
                get("/operator/console/cases")
                    .with(user("vera").authorities(new SimpleGrantedAuthority("STAFF_VIEWER"))))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(html).contains("id=\"cases\"");
    return statements.count();
  }

  @Test
  void theCasesListCostsTheSameStatementsWhateverTheNumberOfCases() throws Exception {
    openCases(1);
    int few = statementsOfTheList();
    openCases(60); // more than a page: the page holds 50
    int many = statementsOfTheList();
    assertThat(many).as("statements for a full page vs. one case").isEqualTo(few);
    assertThat(few).as("statements of the cases list").isLessThanOrEqualTo(6);
  }
}
