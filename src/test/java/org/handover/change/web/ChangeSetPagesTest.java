package org.handover.change.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;
import static org.handover.support.Fixtures.wanted;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.handover.account.Accounts;
import org.handover.account.SignedInCustomer;
import org.handover.catalog.HostedService;
import org.handover.change.ChangeSet;
import org.handover.change.ChangeState;
import org.handover.support.ChangeUseCases;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The panel's places for change sets: a set's own page, the marks on My services, the navigation's
 * count of sets waiting for my token, the "waiting for my token" filter, and the bulk handover's
 * review and confirmation — each only for the accounts a set concerns.
 */
class ChangeSetPagesTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired ChangeUseCases changes;
  @Autowired Accounts accounts;
  @Autowired JdbcClient jdbc;

  /** Signed in as the panel signs in: the customer principal the navigation reads. */
  private RequestPostProcessor signedIn(Nic nic) {
    return user(new SignedInCustomer(accounts.require(nic), "-", "ROLE_CUSTOMER"));
  }

  private String page(String path, Nic nic) throws Exception {
    return mvc.perform(get(path).with(signedIn(nic)))
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  @Test
  void aSetHasItsOwnPageForItsMembersOnly() throws Exception {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.service(a, t, a);
    ChangeSet set = changes.request(as(t), s.type(), s.name(), wanted(tech, x)).orElseThrow();
    String path = "/account/contacts/requests/" + set.id();

    // the administrator is told, sees the set and may cancel it, but has no token to give
    String seenByAdmin = page(path, a);
    assertThat(seenByAdmin)
        .contains("id=\"request-items\"")
        .contains(s.name())
        .contains("data-party=\"" + t + "\"")
        .contains("data-party=\"" + x + "\"")
        .contains("/requests/" + set.id() + "/cancel")
        .doesNotContain("/requests/" + set.id() + "/accept");
    assertThat(page(path, x)).contains("/requests/" + set.id() + "/accept");
    mvc.perform(get(path).with(signedIn(fixtures.account()))).andExpect(status().isNotFound());
    assertThat(seenByAdmin).doesNotContain("id=\"request-undelivered\"");
    // an email that failed for good is named on the page, without the server's reply
    jdbc.sql(
            "update mail_outbox set status = 'failed', last_error = '550 no such user"
                + " x@example.net' where change_id = ? and recipient_nic = ?")
        .params(set.id(), x.value())
        .update();
    assertThat(page(path, a))
        .contains("id=\"request-undelivered\"")
        .contains("could not be delivered to " + x)
        .doesNotContain("no such user");
    // old links named a task: they open its set, for members only
    mvc.perform(
            get("/account/contacts/requests?taskId=" + set.items().get(0).taskId())
                .with(signedIn(x)))
        .andExpect(redirectedUrl(path));
    mvc.perform(
            get("/account/contacts/requests?taskId=" + set.items().get(0).taskId())
                .with(signedIn(fixtures.account())))
        .andExpect(status().isNotFound());
  }

  @Test
  void myServicesMarkOpenSetsAndTheNavigationCountsWhatWaitsForMe() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    HostedService quiet = fixtures.serviceOwnedBy(a);
    ChangeSet set = changes.request(as(a), s.type(), s.name(), wanted(tech, x)).orElseThrow();

    String services = page("/account/contacts/services", a);
    assertThat(services)
        .contains("href=\"/account/contacts/requests/" + set.id() + "\"")
        .containsOnlyOnce("class=\"open-request\"")
        .contains(quiet.name());
    assertThat(page("/account/contacts/services", x)).contains("To confirm (1)");
    assertThat(page("/account/contacts/requests?state=needsMyAction", x))
        .contains("id=\"request-" + set.id() + "\"");
    changes.accept(as(x), set.id(), fixtures.codeFor(set.id(), x));
    assertThat(page("/account/contacts/services", x)).doesNotContain("id=\"nav-awaiting\"");
    assertThat(page("/account/contacts/requests?state=needsMyAction", x))
        .doesNotContain("id=\"request-" + set.id() + "\"");
    assertThat(page("/account/contacts/requests?state=needsMyAction", a))
        .contains("id=\"request-" + set.id() + "\"");
  }

  @Test
  void aBulkHandoverIsReviewedWithWhatIsLeftOutThenMadeAsOneSet() throws Exception {
    Nic r = fixtures.account();
    Nic agency = fixtures.account();
    Nic other = fixtures.account();
    List<HostedService> mine = List.of(fixtures.serviceOwnedBy(r), fixtures.serviceOwnedBy(r));
    HostedService notMine = fixtures.service(other, other, r);

    // post/redirect/get: the review has an address of its own, so reload and Back work
    jakarta.servlet.http.Cookie session =
        mvc.perform(
                post("/account/contacts/bulk/review")
                    .param("role", "tech")
                    .param("to", agency.value())
                    .param("all", "true")
                    .with(signedIn(r))
                    .with(csrf()))
            .andExpect(redirectedUrl("/account/contacts/bulk/review"))
            .andReturn()
            .getResponse()
            .getCookie("SESSION");
    mvc.perform(get("/account/contacts/bulk/review").with(signedIn(r)))
        .andExpect(redirectedUrl("/account/contacts/services"));
    String review =
        mvc.perform(get("/account/contacts/bulk/review").cookie(session).with(signedIn(r)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(review)
        .contains("2 changes will be requested")
        .contains(mine.get(0).name())
        .contains("id=\"bulk-excluded\"")
        .contains(notMine.name());
    assertThat(changes.taskIdsInvolving(r, null, null, null)).isEmpty();

    mvc.perform(
            post("/account/contacts/bulk/confirm")
                .param("role", "tech")
                .param("to", agency.value())
                .param("all", "true")
                .with(signedIn(r))
                .with(csrf()))
        .andExpect(redirectedUrlPattern("/account/contacts/requests/*"));
    List<ChangeSet> sets =
        changes.listInvolving(agency, ChangeState.validatingByCustomers, true, null, 5);
    assertThat(sets).hasSize(1);
    assertThat(sets.get(0).itemCount()).isEqualTo(2);

    // a ticked selection of services that are not the signer's changes nothing
    mvc.perform(
            post("/account/contacts/bulk/confirm")
                .param("role", "tech")
                .param("to", agency.value())
                .param("service", "domain:" + fixtures.serviceOwnedBy(other).name())
                .with(signedIn(r))
                .with(csrf()))
        .andExpect(redirectedUrl("/account/contacts/services"));
    // nothing chosen, or no CSRF token: nothing happens
    mvc.perform(post("/account/contacts/bulk/review").with(signedIn(r)).with(csrf()))
        .andExpect(redirectedUrl("/account/contacts/services"));
    mvc.perform(
            post("/account/contacts/bulk/confirm")
                .param("role", "tech")
                .param("to", agency.value())
                .param("all", "true")
                .with(signedIn(r)))
        .andExpect(status().isForbidden());
    assertThat(changes.listInvolving(r, null, false, null, 5)).hasSize(1);
  }
}
