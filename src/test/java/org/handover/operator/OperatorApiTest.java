package org.handover.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import org.handover.account.Accounts;
import org.handover.catalog.HostedService;
import org.handover.change.ChangeSet;
import org.handover.change.ChangeState;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.mail.OutboxMessage;
import org.handover.support.ChangeUseCases;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The operator API: every endpoint's success, validation, authentication and unknown ids. */
class OperatorApiTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired Webhooks webhooks;
  @Autowired WebhookDispatcher webhookDispatcher;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
  @Autowired Accounts accounts;
  @Autowired ChangeUseCases changes;
  @Autowired Outbox outbox;

  private static MockHttpServletRequestBuilder op(MockHttpServletRequestBuilder b) {
    return b.header("Authorization", "Bearer test-operator-token").contentType("application/json");
  }

  @Test
  void withoutOrWithAWrongTokenEverythingIs401() throws Exception {
    mvc.perform(get("/operator/v1/webhooks"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.class").value("Client::Unauthorized"));
    mvc.perform(get("/operator/v1/webhooks").header("Authorization", "Bearer nope"))
        .andExpect(status().isUnauthorized());
    mvc.perform(post("/operator/v1/accounts").content("{}").contentType("application/json"))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void accountsAreCreatedReadAmendedAndSuspended() throws Exception {
    String email = "op-" + System.nanoTime() + "@example.org";
    String body =
        mvc.perform(
                op(post("/operator/v1/accounts"))
                    .content(
                        "{\"email\":\""
                            + email
                            + "\",\"firstName\":\"Olga\",\"lastName\":\"Op\",\"language\":\"it\"}"))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.nic").value(containsString("-ovh")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    Nic nic = Nic.parse(body.replaceAll(".*\"nic\":\"([^\"]+)\".*", "$1"));
    assertThat(outbox.newest(0, 5))
        .extracting(OutboxMessage::kind)
        .contains(MailKind.PASSWORD_RESET, MailKind.ACCOUNT_CREATED);

    mvc.perform(op(get("/operator/v1/accounts/" + nic)))
        .andExpect(jsonPath("$.language").value("it"));
    mvc.perform(op(patch("/operator/v1/accounts/" + nic)).content("{\"lastName\":\"Operator\"}"))
        .andExpect(jsonPath("$.lastName").value("Operator"))
        .andExpect(jsonPath("$.firstName").value("Olga"));
    mvc.perform(
            op(put("/operator/v1/accounts/" + nic + "/debt"))
                .content("{\"amountCents\":1500,\"currency\":\"EUR\"}"))
        .andExpect(jsonPath("$.debt.amountCents").value(1500));
    assertThat(accounts.require(nic).inGoodStanding()).isFalse();
    mvc.perform(op(post("/operator/v1/accounts/" + nic + "/suspend")))
        .andExpect(jsonPath("$.state").value("suspended"));
    mvc.perform(op(post("/operator/v1/accounts/" + nic + "/reactivate")))
        .andExpect(jsonPath("$.state").value("active"));
  }

  @Test
  void accountValidationAndUnknownIds() throws Exception {
    mvc.perform(
            op(post("/operator/v1/accounts"))
                .content("{\"email\":\"bad\",\"firstName\":\"A\",\"lastName\":\"B\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value(containsString("email")));
    mvc.perform(op(post("/operator/v1/accounts")).content("{\"unknown\":1}"))
        .andExpect(status().isBadRequest());
    mvc.perform(op(get("/operator/v1/accounts/zz99999999-ovh"))).andExpect(status().isNotFound());
    mvc.perform(
            op(put("/operator/v1/accounts/zz99999999-ovh/debt"))
                .content("{\"amountCents\":1,\"currency\":\"EUR\"}"))
        .andExpect(status().isNotFound());
    mvc.perform(
            op(put("/operator/v1/accounts/" + fixtures.account() + "/debt"))
                .content("{\"amountCents\":-1,\"currency\":\"EUR\"}"))
        .andExpect(status().isBadRequest());
    mvc.perform(op(get("/operator/v1/accounts/not-a-nic"))).andExpect(status().isBadRequest());
  }

  @Test
  void servicesAreCreatedReadAndDeletedOnlyWithoutOpenRequests() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    String name = "op-" + System.nanoTime() + ".example";
    mvc.perform(
            op(post("/operator/v1/services"))
                .content(
                    "{\"type\":\"domain\",\"name\":\""
                        + name
                        + "\",\"admin\":\""
                        + a
                        + "\",\"expiration\":\"2027-01-01\","
                        + "\"owner\":{\"name\":\"Owner\",\"email\":\"o@example.org\",\"address\":\"1 Street\"}}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.tech").value(a.value()))
        .andExpect(jsonPath("$.billing").value(a.value()));
    mvc.perform(op(get("/operator/v1/services/domain/" + name)))
        .andExpect(jsonPath("$.admin").value(a.value()));
    mvc.perform(
            op(post("/operator/v1/services"))
                .content("{\"type\":\"planet\",\"name\":\"x\",\"admin\":\"" + a + "\"}"))
        .andExpect(status().isBadRequest());
    mvc.perform(
            op(post("/operator/v1/services"))
                .content("{\"type\":\"domain\",\"name\":\"" + name + "\",\"admin\":\"" + a + "\"}"))
        .andExpect(status().isConflict());
    mvc.perform(op(get("/operator/v1/services/domain/nothing.example")))
        .andExpect(status().isNotFound());

    ChangeSet open =
        changes
            .request(as(a), org.handover.catalog.ServiceType.domain, name, Map.of(tech, x))
            .orElseThrow();
    mvc.perform(op(delete("/operator/v1/services/domain/" + name)))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.message").value(containsString(String.valueOf(open.id()))));
    changes.cancel(as(a), open.id());
    mvc.perform(op(delete("/operator/v1/services/domain/" + name)))
        .andExpect(status().isNoContent());
    mvc.perform(op(get("/operator/v1/services/domain/" + name))).andExpect(status().isNotFound());
  }

  @Test
  void requestsAreSearchedReadWithHistoryAndAborted() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = changes.request(as(a), s.type(), s.name(), Map.of(tech, x)).orElseThrow();
    String codeX = fixtures.codeFor(c.id(), x);

    mvc.perform(op(get("/operator/v1/contact-changes?service=" + s.name())))
        .andExpect(jsonPath("$[0].id").value(c.id()));
    mvc.perform(
            op(get("/operator/v1/contact-changes?account=" + x + "&state=validatingByCustomers")))
        .andExpect(jsonPath("$[*].id", hasItem((int) c.id())));
    mvc.perform(op(get("/operator/v1/contact-changes?state=nonsense")))
        .andExpect(status().isBadRequest());
    mvc.perform(op(get("/operator/v1/contact-changes/" + c.id())))
        .andExpect(jsonPath("$.parties[1].account").value(x.value()))
        .andExpect(jsonPath("$.history[0].action").value("change.requested"));
    mvc.perform(op(get("/operator/v1/contact-changes/999999999"))).andExpect(status().isNotFound());

    long mails = outbox.lastId();
    mvc.perform(
            op(post("/operator/v1/contact-changes/" + c.id() + "/abort"))
                .content("{\"reason\":\"fraud check\"}"))
        .andExpect(jsonPath("$.state").value("aborted"))
        .andExpect(jsonPath("$.reason").value(containsString("fraud check")));
    assertThat(outbox.after(mails))
        .extracting(OutboxMessage::kind)
        .containsOnly(MailKind.CHANGE_ABORTED)
        .hasSize(2);
    assertThat(changes.find(c.id()).orElseThrow().state()).isEqualTo(ChangeState.aborted);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> changes.accept(as(x), c.id(), codeX))
        .isInstanceOf(org.handover.change.ChangeErrors.ChangeClosed.class);
    mvc.perform(
            op(post("/operator/v1/contact-changes/" + c.id() + "/abort"))
                .content("{\"reason\":\"again\"}"))
        .andExpect(status().isConflict());
    mvc.perform(op(post("/operator/v1/contact-changes/" + c.id() + "/abort")).content("{}"))
        .andExpect(status().isBadRequest());

    mvc.perform(op(get("/operator/v1/audit?service=" + s.name())))
        .andExpect(jsonPath("$[0].action").value("change.aborted"))
        .andExpect(jsonPath("$[0].actorKind").value("operator"))
        .andExpect(jsonPath("$[0].actor").value("operator"));
    mvc.perform(op(get("/operator/v1/audit?since=yesterday"))).andExpect(status().isBadRequest());
  }

  @Test
  void webhookTargetsInsideOrWithoutTlsAreRefused() throws Exception {
    for (String url :
        List.of(
            "http://203.0.113.10/hook",
            "https://127.0.0.1:8443/hook",
            "https://localhost/hook",
            "https://2130706433/hook",
            "https://[::1]/hook",
            "https://[::ffff:127.0.0.1]/hook",
            "https://169.254.169.254/latest/meta-data",
            "https://10.1.2.3/hook",
            "https://192.168.1.1/hook",
            "https://[fd00::1]/hook",
            "https://224.0.0.1/hook",
            "https://0.0.0.0/hook",
            "https://user:pass@203.0.113.10/hook",
            "https://no-such-host.invalid/hook")) {
      mvc.perform(
              op(post("/operator/v1/webhooks"))
                  .content(
                      "{\"url\":\""
                          + url
                          + "\",\"secret\":\"0123456789abcdef\",\"events\":[\"contactChange.done\"]}"))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("url")));
    }
    assertThat(
            jdbc.sql(
                    "select count(*) from webhooks where url like '%/hook' and url not like"
                        + " 'https://203.0.113.10/%'")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aTargetThatNowPointsInsideIsRefusedAtDeliveryTime() {
    Webhooks.Webhook hook =
        webhooks.register(
            org.handover.system.Actor.operator("test", null),
            "https://203.0.113.10/hook",
            "0123456789abcdef",
            List.of("contactChange.created"));
    // as if its name were re-pointed at the loopback address after registration
    jdbc.sql("update webhooks set url = 'https://localhost:1/hook' where id = ?")
        .param(hook.id())
        .update();
    Nic a = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    changes.request(
        org.handover.support.Fixtures.as(a),
        s.type(),
        s.name(),
        java.util.Map.of(org.handover.contact.ContactRole.tech, fixtures.account()));

    webhookDispatcher.deliverDue();

    assertThat(webhooks.deliveries(hook.id(), 10))
        .isNotEmpty()
        .allSatisfy(
            d -> {
              assertThat(d.status()).isEqualTo("pending");
              assertThat(d.lastError()).startsWith("target refused").contains("127.0.0.1");
            });
    webhooks.delete(org.handover.system.Actor.operator("test", null), hook.id());
  }

  @Test
  void webhooksAreRegisteredListedAndDeleted() throws Exception {
    String body =
        mvc.perform(
                op(post("/operator/v1/webhooks"))
                    .content(
                        "{\"url\":\"https://203.0.113.10/hook\",\"secret\":\"0123456789abcdef\",\"events\":[\"contactChange.done\"]}"))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.events[0]").value("contactChange.done"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    long id = Long.parseLong(body.replaceAll(".*\"id\":(\\d+).*", "$1"));
    mvc.perform(op(get("/operator/v1/webhooks"))).andExpect(jsonPath("$[*].id", hasItem((int) id)));
    mvc.perform(op(get("/operator/v1/webhooks/" + id + "/deliveries"))).andExpect(status().isOk());
    mvc.perform(
            op(post("/operator/v1/webhooks"))
                .content(
                    "{\"url\":\"ftp://x\",\"secret\":\"0123456789abcdef\",\"events\":[\"contactChange.done\"]}"))
        .andExpect(status().isBadRequest());
    mvc.perform(
            op(post("/operator/v1/webhooks"))
                .content(
                    "{\"url\":\"http://x\",\"secret\":\"short\",\"events\":[\"contactChange.done\"]}"))
        .andExpect(status().isBadRequest());
    mvc.perform(
            op(post("/operator/v1/webhooks"))
                .content(
                    "{\"url\":\"http://x\",\"secret\":\"0123456789abcdef\",\"events\":[\"nope\"]}"))
        .andExpect(status().isBadRequest());
    mvc.perform(op(delete("/operator/v1/webhooks/" + id))).andExpect(status().isNoContent());
    mvc.perform(op(delete("/operator/v1/webhooks/" + id))).andExpect(status().isNotFound());
    mvc.perform(op(get("/operator/v1/webhooks/" + id + "/deliveries")))
        .andExpect(status().isNotFound());
  }
}
