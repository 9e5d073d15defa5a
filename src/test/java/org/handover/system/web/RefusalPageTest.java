package org.handover.system.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A refusal shown as a page (a service that is not the customer's, …) keeps the panel's header: the
 * provider's name, the menu and the signed-in account, so the customer does not look signed out.
 */
class RefusalPageTest extends IntegrationTest {

  @Autowired MockMvc mvc;

  @Test
  void aRefusalPageKeepsTheSignedInHeader() throws Exception {
    Nic me = fixtures.account();
    mvc.perform(
            get("/account/contacts/services/domain/no-such-service.example")
                .with(user(me.value()).roles("CUSTOMER"))
                .header("Accept-Language", "en"))
        .andExpect(status().isNotFound())
        .andExpect(content().string(Matchers.containsString("no-such-service.example")))
        .andExpect(content().string(Matchers.containsString("class=\"brand\"")))
        .andExpect(content().string(Matchers.containsString(">Handover</a>")))
        .andExpect(content().string(Matchers.containsString("details class=\"account\"")))
        .andExpect(content().string(Matchers.containsString(me.value())));
  }
}
