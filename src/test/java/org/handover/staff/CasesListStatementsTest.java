package org.handover.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
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

/** The console's cases list costs the same statements for 1 case on the page as for 50. */
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
