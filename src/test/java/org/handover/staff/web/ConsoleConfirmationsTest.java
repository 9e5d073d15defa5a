package org.handover.staff.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import org.handover.catalog.HostedService;
import org.handover.contact.ContactRole;
import org.handover.support.ChangeUseCases;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The console asks before an action that cannot be taken back (suspending an account, ending a
 * customer's session, aborting a request), in the reader's language, and a refused abort keeps the
 * reason the agent typed.
 */
class ConsoleConfirmationsTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired ChangeUseCases changes;

  private static MockHttpServletRequestBuilder asAgent(MockHttpServletRequestBuilder call) {
    return call.with(
            user("alice")
                .authorities(
                    new SimpleGrantedAuthority("STAFF_VIEWER"),
                    new SimpleGrantedAuthority("STAFF_AGENT")))
        .with(csrf());
  }

  private String page(MockHttpServletRequestBuilder call) throws Exception {
    return mvc.perform(asAgent(call)).andReturn().getResponse().getContentAsString();
  }

  private long openRequest(Nic holder) {
    HostedService s = fixtures.serviceOwnedBy(holder);
    return changes
        .request(
            Fixtures.as(holder),
            s.type(),
            s.name(),
            Fixtures.wanted(ContactRole.tech, fixtures.account()))
        .orElseThrow()
        .id();
  }

  @Test
  void suspendingAndAbortingAskFirst() throws Exception {
    Nic holder = fixtures.account();
    long id = openRequest(holder);

    String account =
        page(get("/operator/console/accounts/" + holder).header("Accept-Language", "es"));
    assertThat(account)
        .containsPattern(
            "(?s)<details class=\"confirm\">\\s*<summary[^>]*id=\"suspend-open\"[^>]*>Suspender la"
                + " cuenta</summary>.*¿Suspenderla\\?.*id=\"suspend\"[^>]*>Sí, suspender la"
                + " cuenta<.*</details>");
    String request = page(get("/operator/console/requests/" + id));
    assertThat(request)
        .containsPattern(
            "(?s)<details class=\"confirm\">\\s*<summary[^>]*id=\"abort-open\".*Abort it\\?"
                + ".*id=\"abort\"[^>]*>Yes, abort the request<.*</details>");
  }

  @Test
  void anOverLongAbortReasonIsRefusedByItsLabelAndKeptAsTyped() throws Exception {
    Nic holder = fixtures.account();
    long id = openRequest(holder);
    String typed = "ticket 42 " + "r".repeat(500);

    Cookie[] session =
        mvc.perform(
                asAgent(post("/operator/console/requests/" + id + "/abort")).param("reason", typed))
            .andReturn()
            .getResponse()
            .getCookies();
    String again = page(get("/operator/console/requests/" + id).cookie(session));

    assertThat(again)
        .contains("Reason, which everyone involved will read: at most 500 characters.")
        .contains("value=\"" + typed + "\"");
    assertThat(changes.find(id).orElseThrow().state().isOpen()).isTrue();
  }
}
