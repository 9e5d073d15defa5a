package org.handover.change.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.billing;
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

import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.handover.account.Accounts;
import org.handover.account.SignedInCustomer;
import org.handover.catalog.HostedService;
import org.handover.change.ChangeSet;
import org.handover.change.ChangeSetJob;
import org.handover.change.ChangeState;
import org.handover.contact.ContactRole;
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
  @Autowired ChangeSetJob expiry;

  /** Signed in as the panel signs in: the customer principal the navigation reads. */
  private RequestPostProcessor signedIn(Nic nic) {
    return user(new SignedInCustomer(accounts.require(nic), "-", "ROLE_CUSTOMER"));
  }

  private String page(String path, Nic nic) throws Exception {
    return page(path, nic, "en");
  }

  private String page(String path, Nic nic, String language) throws Exception {
    return mvc.perform(get(path).header("Accept-Language", language).with(signedIn(nic)))
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  /**
   * Who still has to answer, who did not answer in time, who refused: people as a list in the
   * reader's language ("x and y", "x e y"), never IDs joined by commas, and the reader as "you"
   * wherever they are among them, whatever their place in the list.
   */
  @Test
  void peopleInAStateLineReadAsAListWithTheReaderAsYou() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    Nic y = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    Map<ContactRole, Nic> twoNewContacts = Map.of(tech, x, billing, y);
    ChangeSet lapsing = changes.request(as(a), s.type(), s.name(), twoNewContacts).orElseThrow();
    String path = "/account/contacts/requests/" + lapsing.id();

    clock.advance(Duration.ofDays(15));
    expiry.runDueWork();
    assertThat(changes.get(a, lapsing.id()).state()).isEqualTo(ChangeState.expired);
    List<String> waited =
        List.of(changes.get(a, lapsing.id()).reason().args().get(0).toString().split(", "));
    assertThat(waited).containsExactlyInAnyOrder(a.value(), x.value(), y.value());
    for (Nic reader : List.of(a, x, y)) {
      List<String> others = waited.stream().filter(n -> !n.equals(reader.value())).toList();
      assertThat(page(path, reader, "en"))
          .contains(
              "<span class=\"status\">No answer in time from you, "
                  + others.get(0)
                  + " and "
                  + others.get(1)
                  + ".</span>");
      assertThat(page(path, reader, "it"))
          .contains("Nessuna risposta in tempo da te, " + others.get(0) + " e " + others.get(1));
    }
    // once ended, nobody "must" confirm any more, and who never answered did not answer
    assertThat(page(path, x, "en"))
        .contains("Who was asked to confirm", "No answer")
        .doesNotContain("Who must confirm", "Not answered yet");
    assertThat(page("/account/contacts/requests", x, "de"))
        .contains("Keine rechtzeitige Antwort von Ihnen, ");

    HostedService s2 = fixtures.serviceOwnedBy(a);
    ChangeSet refused = changes.request(as(a), s2.type(), s2.name(), twoNewContacts).orElseThrow();
    path = "/account/contacts/requests/" + refused.id();
    changes.accept(as(a), refused.id(), fixtures.codeFor(refused.id(), a));
    String waiting = page(path, a, "en");
    assertThat(waiting)
        .containsAnyOf(
            "still to confirm: " + x + " and " + y, "still to confirm: " + y + " and " + x);
    changes.refuse(as(y), refused.id(), fixtures.codeFor(refused.id(), y), "not mine");
    // the date it ended is said once, beside "Ended", not again in the state line
    assertThat(page(path, y, "en"))
        .contains("<span class=\"status\">You refused it: “not mine”</span>");
    assertThat(page(path, y, "fr")).contains("Vous l’avez refusée");
    assertThat(page(path, x, "en")).contains("Refused by " + y + ": “not mine”");
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
    String seenByNewContact = page(path, x);
    assertThat(seenByNewContact).contains("/requests/" + set.id() + "/accept");
    // a new token voids the one already emailed at once: the page asks before sending it
    assertThat(seenByNewContact)
        .contains("class=\"button secondary resend-open\"")
        .contains("stops working at once")
        .containsPattern(
            "<details class=\"confirm\">\\s*<summary class=\"button secondary resend-open\"[^<]*</summary>"
                + "\\s*<form class=\"question\" method=\"post\" action=\"[^\"]*/requests/"
                + set.id()
                + "/resend\"");
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
    assertThat(page(path, x))
        .contains("could not be delivered to you.")
        .doesNotContain("delivered to " + x);
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

  /** A refused answer (a mistyped token) brings back the token and the reason as typed. */
  @Test
  void aRefusedAnswerKeepsWhatWasTyped() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet set = changes.request(as(a), s.type(), s.name(), wanted(tech, x)).orElseThrow();
    String path = "/account/contacts/requests/" + set.id();

    Cookie session =
        mvc.perform(
                post(path + "/refuse")
                    .param("token", "WRONG-CODE-0001")
                    .param("reason", "Not my server")
                    .with(signedIn(x))
                    .with(csrf()))
            .andExpect(redirectedUrl(path))
            .andReturn()
            .getResponse()
            .getCookie("SESSION");
    assertThat(page(path, x, session))
        .contains("value=\"WRONG-CODE-0001\"", ">Not my server</textarea>", "open=\"open\"");
    mvc.perform(
            post(path + "/accept")
                .param("token", "WRONG-CODE-0002")
                .cookie(session)
                .with(signedIn(x))
                .with(csrf()))
        .andExpect(redirectedUrl(path));
    assertThat(page(path, x, session))
        .contains("value=\"WRONG-CODE-0002\"")
        .doesNotContain("open=\"open\"");
    // shown once: a reload opens the page as it is
    assertThat(page(path, x, session)).doesNotContain("WRONG-CODE");
  }

  private String page(String path, Nic nic, Cookie session) throws Exception {
    return mvc.perform(get(path).cookie(session).with(signedIn(nic)))
        .andReturn()
        .getResponse()
        .getContentAsString();
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
        .contains(notMine.name() + ": You are not the technical contact of " + notMine.name())
        .contains(": " + r + " (you) \u2192 " + agency);
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
