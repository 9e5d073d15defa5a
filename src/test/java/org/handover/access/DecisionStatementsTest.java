package org.handover.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.support.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import org.handover.catalog.HostedService;
import org.handover.support.IntegrationTest;
import org.handover.support.StatementCounter;
import org.handover.system.FactsEpoch;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The speed rule of delegated access, counted: one decision is at most one SQL statement (the
 * indexed read of {@code FactsRepository.facts}), through the operator's HTTP endpoint too; so is a
 * batch of 100 checks over three accounts and five services, whatever their number. The same
 * question asked again within the near cache's second is none, until this instance writes a fact
 * (another instance's revocation: {@code
 * AccessWorkflowTests#anotherInstanceRefusesARevokedPolicyWithinASecond}).
 */
@Import(StatementCounter.class)
class DecisionStatementsTest extends IntegrationTest {

  @Autowired StatementCounter statements;
  @Autowired AccessDecisions decisions;
  @Autowired Policies policies;
  @Autowired MockMvc mvc;
  @Autowired FactsEpoch epoch;

  @Test
  void aDecisionIsOneStatementAndSoIsABatch() throws Exception {
    Nic admin = fixtures.account();
    Nic friend = fixtures.account();
    Nic colleague = fixtures.account();
    List<HostedService> services = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      services.add(fixtures.serviceOwnedBy(admin));
    }
    policies.create(
        as(admin),
        new PolicyDraft(
            "all",
            null,
            List.of(
                "urn:v1:eu:identity:account:" + friend.value(),
                "urn:v1:eu:identity:account:" + colleague.value()),
            List.of("urn:v1:eu:resource:domain:*"),
            List.of("domain:apiovh:*"),
            List.of(),
            List.of("domain:apiovh:terminate"),
            null));
    String one = "domain/" + services.get(0).name();

    statements.reset();
    assertThat(decisions.decide(friend, "domain:apiovh:get", one).allowed()).isTrue();
    assertThat(statements.statements()).hasSize(1);
    statements.reset();
    assertThat(decisions.decide(friend, "domain:apiovh:get", one).allowed()).isTrue();
    assertThat(statements.statements()).as("the same pair again, from the near cache").isEmpty();
    // a write of a fact on this instance (here a policy of another account) drops what it kept
    policies.create(
        as(admin),
        new PolicyDraft(
            "other",
            null,
            List.of("urn:v1:eu:identity:account:" + colleague.value()),
            List.of("urn:v1:eu:resource:domain:" + services.get(4).name()),
            List.of("domain:apiovh:get"),
            List.of(),
            List.of(),
            null));

    List<AccessDecisions.Check> batch = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Nic who = List.of(admin, friend, colleague).get(i % 3);
      String action = i % 4 == 0 ? "domain:apiovh:terminate" : "domain:apiovh:zone/record/edit";
      batch.add(
          new AccessDecisions.Check(who.value(), action, "domain/" + services.get(i % 5).name()));
    }
    statements.reset();
    List<Decision> answers = decisions.decideAll(batch);
    assertThat(statements.statements()).as("one statement for the 15 distinct pairs").hasSize(1);
    assertThat(answers).hasSize(100);
    assertThat(answers.get(0).role()).as("the admin terminates by role").isNotNull();
    assertThat(answers.get(4).denied()).isEqualTo(Decision.Denial.deniedByPolicy);
    assertThat(answers.get(1).allowed()).isTrue();

    String single =
        "{\"identity\":\""
            + friend.value()
            + "\",\"action\":\"domain:apiovh:get\",\"resource\":\""
            + one
            + "\"}";
    epoch.moved(); // as after a write on this instance: nothing kept counts
    statements.reset();
    mvc.perform(
            post("/operator/v1/authorize")
                .header("Authorization", "Bearer test-operator-token")
                .contentType("application/json")
                .content(single))
        .andExpect(status().isOk());
    assertThat(statements.statements()).as("the operator's answer over HTTP").hasSize(1);
    statements.reset();
    mvc.perform(
            post("/operator/v1/authorize")
                .header("Authorization", "Bearer test-operator-token")
                .contentType("application/json")
                .content(single))
        .andExpect(status().isOk());
    assertThat(statements.statements()).as("the same answer again").isEmpty();

    StringBuilder body = new StringBuilder("{\"checks\":[");
    for (AccessDecisions.Check c : batch) {
      body.append(body.length() > 11 ? "," : "")
          .append("{\"identity\":\"")
          .append(c.identity())
          .append("\",\"action\":\"")
          .append(c.action())
          .append("\",\"resource\":\"")
          .append(c.resource())
          .append("\"}");
    }
    epoch.moved();
    statements.reset();
    mvc.perform(
            post("/operator/v1/authorize/batch")
                .header("Authorization", "Bearer test-operator-token")
                .contentType("application/json")
                .content(body.append("]}").toString()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.results.length()").value(100))
        .andExpect(jsonPath("$.results[4].because.denied").value("deniedByPolicy"));
    assertThat(statements.statements()).as("the operator's batch of 100 over HTTP").hasSize(1);
  }
}
