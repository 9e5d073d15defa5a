package org.handover.history.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.support.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiKeys;
import org.handover.audit.AuditLog;
import org.handover.catalog.HostedService;
import org.handover.support.IntegrationTest;
import org.handover.support.ServiceStories;
import org.handover.support.ServiceStories.Story;
import org.handover.support.SignedRequests;
import org.handover.support.SignedRequests.Credential;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code GET /{prefix}/{name}/history}: the same history as the panel's service page, paginated
 * with a cursor, with the API's error shape.
 */
@Import(ServiceStories.class)
class HistoryApiTest extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired MockMvc mvc;
  @Autowired ApiKeys keys;
  @Autowired ServiceStories stories;
  @Autowired AuditLog audit;

  private Credential credential(Nic nic) {
    return SignedRequests.credential(keys, nic, List.of(AccessRule.of("GET", "/*")));
  }

  private ResultActions call(Credential c, String path) throws Exception {
    return mvc.perform(
        SignedRequests.signed(c, "GET", path, null, clock.instant().getEpochSecond()));
  }

  private JsonNode json(ResultActions answer) throws Exception {
    return JSON.readTree(
        answer.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
  }

  @Test
  void theHistoryOfAServiceNewestFirstWithOnlyTheCallersSets() throws Exception {
    Story story = stories.domainWithAPast();
    String path = "/1.0/domain/" + story.service().name() + "/history";

    JsonNode owner = json(call(credential(story.owner()), path));
    List<String> actions = new ArrayList<>();
    owner.get("events").forEach(e -> actions.add(e.get("action").asText()));
    assertThat(actions).containsExactlyElementsOf(ServiceStories.ACTIONS_NEWEST_FIRST);
    JsonNode applied = owner.get("events").get(0);
    assertThat(applied.get("by").asText()).isEqualTo("support");
    assertThat(applied.get("byAccount").isNull()).isTrue();
    assertThat(applied.get("contactTypes").get(0).asText()).isEqualTo("contactTech");
    assertThat(applied.get("fromAccount").asText()).isEqualTo(story.techBefore().value());
    assertThat(applied.get("toAccount").asText()).isEqualTo(story.techNow().value());
    assertThat(applied.get("supportCaseId").asLong()).isEqualTo(story.caseId());
    JsonNode done = owner.get("events").get(5);
    assertThat(done.get("changeSetId").asLong()).isEqualTo(story.applied());
    assertThat(done.get("by").asText()).isEqualTo("customer");
    assertThat(owner.get("events").get(3).get("changeSetId").asLong()).isEqualTo(story.refused());
    assertThat(owner.get("next").isNull()).isTrue();
    assertThat(owner.toString()).doesNotContain("alice-agent", ServiceStories.EVIDENCE, "staff:");

    JsonNode later =
        json(
            call(credential(story.techNow()), "/v1/domain/" + story.service().name() + "/history"));
    assertThat(later.get("events")).hasSize(8);
    later.get("events").forEach(e -> assertThat(e.get("changeSetId").isNull()).isTrue());
  }

  @Test
  void aCursorWalksPagesOfFifty() throws Exception {
    Nic me = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(me);
    for (int i = 0; i < 75; i++) {
      audit.record(as(me), "owner.corrected", s.id(), null, "address");
    }
    Credential c = credential(me);
    String base = "/1.0/domain/" + s.name() + "/history";
    JsonNode first = json(call(c, base));
    assertThat(first.get("events")).hasSize(50);
    long next = first.get("next").asLong();
    assertThat(next).isEqualTo(first.get("events").get(49).get("id").asLong());
    JsonNode second = json(call(c, base + "?before=" + next));
    assertThat(second.get("events")).hasSize(26);
    assertThat(second.get("next").isNull()).isTrue();
    assertThat(second.get("events").get(0).get("id").asLong()).isLessThan(next);
  }

  @Test
  void errorsAreTheApisOwn() throws Exception {
    Story story = stories.domainWithAPast();
    Credential stranger = credential(fixtures.account());
    call(stranger, "/1.0/domain/" + story.service().name() + "/history")
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.class").value("Client::NotFound"))
        .andExpect(jsonPath("$.errorCode").value("NOT_FOUND"))
        .andExpect(jsonPath("$.httpCode").value("404 Not Found"));
    Credential owner = credential(story.owner());
    call(owner, "/1.0/domain/nothing-here.example/history").andExpect(status().isNotFound());
    // the right name under another category is another service
    call(owner, "/1.0/vps/" + story.service().name() + "/history").andExpect(status().isNotFound());
    call(owner, "/1.0/domain/" + story.service().name() + "/history?before=abc")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.class").value("Client::BadRequest"))
        .andExpect(jsonPath("$.httpCode").value("400 Bad Request"));
    call(owner, "/1.0/domain/" + story.service().name() + "/history?before=-4")
        .andExpect(status().isBadRequest());
    mvc.perform(get("/1.0/domain/" + story.service().name() + "/history"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.errorCode").value("NOT_CREDENTIAL"));
  }

  @Test
  void theOpenApiDocumentMarksItAsAnExtension() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/1.0/hosting/web/{name}/history'].get").exists())
        .andExpect(
            jsonPath("$.paths['/1.0/domain/{name}/history'].get.tags[0]")
                .value("Handover extension: service history"));
  }
}
