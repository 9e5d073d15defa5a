package org.handover.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;
import static org.handover.support.Fixtures.wanted;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.util.Locale;
import org.handover.catalog.HostedService;
import org.handover.support.ChangeUseCases;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A refusal's reason is the person's words: whatever they say ({@code role:}, separators), the set
 * ends {@code refused}, everyone reads the words as typed, and no page answers 500.
 */
class RefusalReasonTest extends IntegrationTest {

  @Autowired ChangeUseCases changes;
  @Autowired MockMvc mvc;

  @Test
  void aReasonThatLooksLikeDataIsStoredAsTyped() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet set = changes.request(as(a), s.type(), s.name(), wanted(tech, x)).orElseThrow();
    String said = "role:nobody | role:admin \\ {0}";

    mvc.perform(
            post("/account/contacts/requests/" + set.id() + "/refuse")
                .param("token", fixtures.codeFor(set.id(), x))
                .param("reason", said)
                .with(user(x.value()).authorities(() -> "ROLE_CUSTOMER"))
                .with(csrf()))
        .andExpect(status().is3xxRedirection());

    ChangeSet refused = changes.get(x, set.id());
    assertThat(refused.state()).isEqualTo(ChangeState.refused);
    assertThat(refused.reason().message(Locale.ENGLISH)).contains(said);
    mvc.perform(
            get("/account/contacts/requests/" + set.id())
                .with(user(a.value()).authorities(() -> "ROLE_CUSTOMER")))
        .andExpect(status().isOk());
  }

  @Test
  void theOldTaskLinkWithBracesInItsTokenIsNo500() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet set = changes.request(as(a), s.type(), s.name(), wanted(tech, x)).orElseThrow();
    long task = set.items().get(0).taskId();
    String location =
        mvc.perform(
                get(URI.create("/account/contacts/requests?taskId=" + task + "&token=%7Bx%7D"))
                    .with(user(x.value()).authorities(() -> "ROLE_CUSTOMER")))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    assertThat(location).isEqualTo("/account/contacts/requests/" + set.id() + "?token=%7Bx%7D");
  }

  @Test
  void errorAskedForDirectlyIsNotFound() throws Exception {
    mvc.perform(get("/error")).andExpect(status().isNotFound());
    mvc.perform(get("/error").header("Accept", "application/json"))
        .andExpect(status().isNotFound());
  }
}
