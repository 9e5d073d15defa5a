package org.handover.change.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import org.handover.account.Accounts;
import org.handover.account.SignedInCustomer;
import org.handover.catalog.HostedService;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The bulk panel of My services refuses a bad form on the page itself, the ticked services (or the
 * "all matching" choice), the roles and the contact typed all kept, the refusal next to its field;
 * Back on the review returns to the same panel, filled in.
 */
class BulkPanelKeepsSelectionTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired Accounts accounts;

  private RequestPostProcessor signedIn(Nic nic) {
    return user(new SignedInCustomer(accounts.require(nic), "-", "ROLE_CUSTOMER"));
  }

  /** Posts the panel, then follows the redirect with its flash, as a browser does. */
  private String refusedAndShownAgain(Nic me, MockHttpServletRequestBuilder panel)
      throws Exception {
    MvcResult refused = mvc.perform(panel.with(signedIn(me)).with(csrf())).andReturn();
    String back = refused.getResponse().getRedirectedUrl();
    assertThat(back).startsWith("/account/contacts/services");
    return follow(me, back, refused);
  }

  private String follow(Nic me, String url, MvcResult from) throws Exception {
    MockHttpServletRequestBuilder get = get(url).flashAttrs(from.getFlashMap()).with(signedIn(me));
    Cookie[] cookies = from.getResponse().getCookies();
    if (cookies.length > 0) {
      get.cookie(cookies);
    }
    return mvc.perform(get).andReturn().getResponse().getContentAsString();
  }

  @Test
  void noContactTypedKeepsTheTickedServicesAndRoles() throws Exception {
    Nic me = fixtures.account();
    HostedService one = fixtures.serviceOwnedBy(me);
    HostedService two = fixtures.serviceOwnedBy(me);
    HostedService untouched = fixtures.serviceOwnedBy(me);

    String page =
        refusedAndShownAgain(
            me,
            post("/account/contacts/bulk/review")
                .param("service", "domain:" + one.name(), "domain:" + two.name())
                .param("role", "tech", "billing")
                .param("to", " "));

    assertThat(page)
        .contains("value=\"domain:" + one.name() + "\" checked")
        .contains("value=\"domain:" + two.name() + "\" checked")
        .doesNotContain("value=\"domain:" + untouched.name() + "\" checked")
        .contains("id=\"bulk-role-tech\" checked")
        .contains("id=\"bulk-role-billing\" checked")
        .doesNotContain("id=\"bulk-role-admin\" checked")
        .contains("id=\"bulk-to-error\"")
        .contains("Type the customer ID of the new contact");
  }

  @Test
  void anOverLongOrMalformedContactIsShownAgainWithItsLimit() throws Exception {
    Nic me = fixtures.account();
    HostedService one = fixtures.serviceOwnedBy(me);
    String typed = "x".repeat(40);

    String page =
        refusedAndShownAgain(
            me,
            post("/account/contacts/bulk/review")
                .param("service", "domain:" + one.name())
                .param("role", "admin")
                .param("to", typed));

    assertThat(page)
        .contains("value=\"domain:" + one.name() + "\" checked")
        .contains("value=\"" + typed + "\"")
        .contains("New contact (customer ID): at most 27 characters.");

    String malformed =
        refusedAndShownAgain(
            me,
            post("/account/contacts/bulk/review")
                .param("service", "domain:" + one.name())
                .param("role", "admin")
                .param("to", "bruno"));
    assertThat(malformed).contains("value=\"bruno\"").contains("bruno is not a valid customer ID");
  }

  @Test
  void anUnknownCustomerIdKeepsAnAllMatchingSelectionAndTheFilter() throws Exception {
    Nic me = fixtures.account();
    HostedService one = fixtures.serviceOwnedBy(me);
    MvcResult posted =
        mvc.perform(
                post("/account/contacts/bulk/review")
                    .param("all", "true")
                    .param("q", one.name())
                    .param("role", "tech")
                    .param("to", "zz99999999-ovh")
                    .with(signedIn(me))
                    .with(csrf()))
            .andReturn();
    Cookie session = posted.getResponse().getCookie("SESSION");
    MvcResult review =
        mvc.perform(get("/account/contacts/bulk/review").cookie(session).with(signedIn(me)))
            .andReturn();
    String back = review.getResponse().getRedirectedUrl();
    assertThat(back).contains("q=" + one.name());

    String page = follow(me, back, review);
    assertThat(page)
        .contains("id=\"bulk-all\" name=\"all\" value=\"true\" checked")
        .contains("id=\"bulk-role-tech\" checked")
        .contains("value=\"zz99999999-ovh\"")
        .contains("No account has the customer ID zz99999999-ovh");
  }

  @Test
  void backOnTheReviewReturnsToTheFilledPanel() throws Exception {
    Nic me = fixtures.account();
    Nic agency = fixtures.account();
    HostedService one = fixtures.serviceOwnedBy(me);
    MvcResult posted =
        mvc.perform(
                post("/account/contacts/bulk/review")
                    .param("service", "domain:" + one.name())
                    .param("role", "tech")
                    .param("to", agency.value())
                    .with(signedIn(me))
                    .with(csrf()))
            .andReturn();
    Cookie session = posted.getResponse().getCookie("SESSION");
    String review =
        mvc.perform(get("/account/contacts/bulk/review").cookie(session).with(signedIn(me)))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(review).contains("href=\"/account/contacts/bulk/back\"");

    MvcResult backed =
        mvc.perform(get("/account/contacts/bulk/back").cookie(session).with(signedIn(me)))
            .andReturn();
    String page = follow(me, backed.getResponse().getRedirectedUrl(), backed);
    assertThat(page)
        .contains("value=\"domain:" + one.name() + "\" checked")
        .contains("value=\"" + agency.value() + "\"")
        .doesNotContain("id=\"bulk-to-error\"");
  }
}
