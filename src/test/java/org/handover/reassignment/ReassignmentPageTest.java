package org.handover.reassignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.handover.contact.ContactRole.tech;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.handover.catalog.HostedService;
import org.handover.support.IntegrationTest;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.UserRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;

/** The customer's case page: who may see it, veto it and confirm it; opening it changes nothing. */
class ReassignmentPageTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired Reassignments cases;

  private static UserRequestPostProcessor signedIn(Nic nic) {
    return user(nic.value()).authorities(() -> "ROLE_CUSTOMER");
  }

  private ReassignmentCase techCase(HostedService s, Nic to) {
    return cases.open(
        Actor.operator("staff:alice", null),
        s.type(),
        List.of(s.name()),
        tech,
        to,
        "ticket 1",
        "the technical contact left");
  }

  @Test
  void strangersGet404AndTheConsoleIsNotForCustomers() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    ReassignmentCase c = techCase(fixtures.serviceOwnedBy(a), x);
    mvc.perform(get("/account/support/cases/" + c.id()).with(signedIn(fixtures.account())))
        .andExpect(status().isNotFound());
    mvc.perform(get("/account/support/cases/" + c.id()).with(signedIn(a)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"veto\"")));
  }

  @Test
  void openingTheLinkChangesNothingAndTheButtonsDo() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    ReassignmentCase c = techCase(fixtures.serviceOwnedBy(a), x);
    mvc.perform(get("/account/support/cases/" + c.id() + "?token=WRONG").with(signedIn(x)))
        .andExpect(status().isOk());
    assertThat(cases.get(c.id()).confirmedAt()).isNull();
    mvc.perform(
            post("/account/support/cases/" + c.id() + "/confirm")
                .param("token", "WRONG")
                .with(signedIn(x))
                .with(csrf()))
        .andExpect(status().is3xxRedirection())
        .andExpect(flash().attributeExists("alert"))
        .andExpect(flash().attribute("token", "WRONG")); // what was typed comes back
    mvc.perform(post("/account/support/cases/" + c.id() + "/veto").with(signedIn(x)).with(csrf()))
        .andExpect(status().isNotFound());
    mvc.perform(post("/account/support/cases/" + c.id() + "/veto").with(signedIn(a)))
        .andExpect(status().isForbidden()); // no CSRF token
    mvc.perform(post("/account/support/cases/" + c.id() + "/veto").with(signedIn(a)).with(csrf()))
        .andExpect(flash().attributeExists("notice"));
    assertThat(cases.get(c.id()).state()).isEqualTo(ReassignmentState.vetoed);
  }

  private String page(long id, Nic reader) throws Exception {
    return mvc.perform(
            get("/account/support/cases/" + id)
                .header("Accept-Language", "en")
                .with(signedIn(reader)))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  @Test
  void thePageSaysWhatIsTrueForItsReader() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    ReassignmentCase c = techCase(fixtures.serviceOwnedBy(a), x);

    assertThat(page(c.id(), x)).contains("will give you the role").doesNotContain("to " + x);
    assertThat(page(c.id(), a))
        .contains("on the services below to " + x, "Reason given by support")
        .contains("unless you or another current contact vetoes it")
        .doesNotContain("which the customers will read");

    cases.veto(Actor.customer(a, null), c.id());
    assertThat(page(c.id(), a))
        .contains("This case has ended and nothing changed", "You vetoed it.")
        .doesNotContain("Date of the handover", "unless a current contact vetoes it")
        .doesNotContain("Vetoed by customer");
    // the new contact reads who vetoed it, and that the role did not go to them
    assertThat(page(c.id(), x))
        .contains("Vetoed by customer " + a + ".", "did not go to you.")
        .doesNotContain("You vetoed it", "did not go to " + x);
  }

  /** Several services are listed as a list in the reader's language ("a, b and c"). */
  @Test
  void theServicesReadAsAList() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    List<HostedService> three =
        List.of(fixtures.serviceOwnedBy(a), fixtures.serviceOwnedBy(a), fixtures.serviceOwnedBy(a));
    ReassignmentCase c =
        cases.open(
            Actor.operator("staff:alice", null),
            three.get(0).type(),
            three.stream().map(HostedService::name).toList(),
            tech,
            x,
            "ticket 2",
            "the technical contact left");
    List<String> names =
        cases.get(c.id()).items().stream().map(ReassignmentCase.Item::serviceName).toList();
    assertThat(page(c.id(), a))
        .contains(names.get(0) + ", " + names.get(1) + " and " + names.get(2) + "</dd>");
  }
}
