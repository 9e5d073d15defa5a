package org.handover.system.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.tech;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.handover.account.Accounts;
import org.handover.account.SignedInCustomer;
import org.handover.catalog.HostedService;
import org.handover.support.ChangeUseCases;
import org.handover.support.Fixtures;
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
  @Autowired Accounts accounts;
  @Autowired ChangeUseCases changes;

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

  /**
   * Every part of the layout, not a copy of some: the customer's name in the account menu and "To
   * confirm (n)" — on a refusal page and on a page a form post shows (the form again with its
   * error) as on any other page.
   */
  @Test
  void aRefusalPageAndAFormShownAgainHaveTheHeaderOfEveryPage() throws Exception {
    Nic me = fixtures.account();
    Nic other = fixtures.account();
    HostedService theirs = fixtures.service(other, other, other);
    HostedService mine = fixtures.serviceOwnedBy(me);
    changes.request(Fixtures.as(other), theirs.type(), theirs.name(), Fixtures.wanted(tech, me));
    SignedInCustomer customer = new SignedInCustomer(accounts.require(me), "-", "ROLE_CUSTOMER");

    String refusal =
        mvc.perform(
                get("/account/contacts/services/domain/no-such-service.example")
                    .with(user(customer))
                    .header("Accept-Language", "en"))
            .andExpect(status().isNotFound())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(refusal)
        .contains("id=\"nav-awaiting\"", "To confirm (1)")
        .contains("<strong>" + customer.displayName() + "</strong>");

    String formAgain =
        mvc.perform(
                post("/account/contacts/services/"
                        + mine.type().name()
                        + "/"
                        + mine.name()
                        + "/edit")
                    .param("tech", "zz0-ovh")
                    .with(user(customer))
                    .with(csrf())
                    .header("Accept-Language", "en"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(formAgain).contains("zz0-ovh").contains("id=\"nav-awaiting\"", "To confirm (1)");
  }
}
