package org.handover.access.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiKeys;
import org.handover.catalog.HostedService;
import org.handover.support.IntegrationTest;
import org.handover.support.SignedRequests;
import org.handover.support.SignedRequests.Credential;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The IAM v2 subset over signed calls ({@code /v2/iam/…}) and the operator's {@code authorize}: the
 * shapes of the reference, who may do what with a policy (access tests), and bad input.
 */
class IamApiTest extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired MockMvc mvc;
  @Autowired ApiKeys keys;

  private Nic admin;
  private Nic tech;
  private Nic friend;
  private HostedService domain;
  private Credential asAdmin;

  @BeforeEach
  void aDomainAndAFriend() {
    admin = fixtures.account();
    tech = fixtures.account();
    friend = fixtures.account();
    domain = fixtures.service(admin, tech, admin);
    asAdmin = credential(admin);
  }

  private Credential credential(Nic nic) {
    return SignedRequests.credential(
        keys,
        nic,
        List.of(
            AccessRule.of("GET", "/*"),
            AccessRule.of("POST", "/*"),
            AccessRule.of("PUT", "/*"),
            AccessRule.of("DELETE", "/*")));
  }

  record Answer(int status, JsonNode body) {}

  private Answer call(Credential c, String method, String path, Object body) throws Exception {
    String text = body == null ? null : JSON.writeValueAsString(body);
    MockHttpServletResponse r =
        mvc.perform(SignedRequests.signed(c, method, path, text, clock.instant().getEpochSecond()))
            .andReturn()
            .getResponse();
    String content = r.getContentAsString();
    return new Answer(r.getStatus(), content.isEmpty() ? null : JSON.readTree(content));
  }

  private Answer operator(String path, Object body) throws Exception {
    MockHttpServletResponse r =
        mvc.perform(
                post(path)
                    .header("Authorization", "Bearer test-operator-token")
                    .contentType("application/json")
                    .content(JSON.writeValueAsString(body)))
            .andReturn()
            .getResponse();
    return new Answer(r.getStatus(), JSON.readTree(r.getContentAsString()));
  }

  static String account(Nic nic) {
    return "urn:v1:eu:identity:account:" + nic.value();
  }

  static String resource(HostedService s) {
    return "urn:v1:eu:resource:" + s.type().name() + ":" + s.name();
  }

  static Map<String, Object> policy(String identity, String resource, String... allow) {
    List<Map<String, String>> actions = new ArrayList<>();
    for (String a : allow) {
      actions.add(Map.of("action", a));
    }
    return Map.of(
        "name",
        "dns-for-a-friend",
        "description",
        "records only",
        "identities",
        List.of(identity),
        "resources",
        List.of(Map.of("urn", resource)),
        "permissions",
        Map.of("allow", actions, "except", List.of(), "deny", List.of()));
  }

  private String create(Map<String, Object> body) throws Exception {
    Answer created = call(asAdmin, "POST", "/v2/iam/policy", body);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(200);
    return created.body().get("id").asText();
  }

  @Test
  void aPolicyIsCreatedReadListedCheckedChangedAndDeletedInTheReferenceShape() throws Exception {
    String id = create(policy(account(friend), resource(domain), "domain:apiovh:zone/record/*"));

    JsonNode read = call(asAdmin, "GET", "/v2/iam/policy/" + id, null).body();
    assertThat(read.get("name").asText()).isEqualTo("dns-for-a-friend");
    assertThat(read.get("owner").asText()).isEqualTo(admin.value());
    assertThat(read.get("identities").get(0).asText()).isEqualTo(account(friend));
    assertThat(read.get("resources").get(0).get("urn").asText()).isEqualTo(resource(domain));
    assertThat(read.get("permissions").get("allow").get(0).get("action").asText())
        .isEqualTo("domain:apiovh:zone/record/*");
    assertThat(read.get("createdAt").asText()).isEqualTo(clock.instant().toString());
    assertThat(read.get("readOnly").asBoolean()).isFalse();
    assertThat(call(asAdmin, "GET", "/v2/iam/policy", null).body().findValuesAsText("id"))
        .contains(id);

    Credential asFriend = credential(friend);
    JsonNode check =
        call(
                asFriend,
                "POST",
                "/v2/iam/resource/" + resource(domain) + "/authorization/check",
                Map.of(
                    "actions",
                    List.of("domain:apiovh:zone/record/create", "domain:apiovh:authInfo/get")))
            .body();
    assertThat(check.get("authorizedActions").toString()).contains("zone/record/create");
    assertThat(check.get("unauthorizedActions").toString()).contains("authInfo/get");

    Map<String, Object> wider = policy(account(friend), resource(domain), "domain:apiovh:*");
    Answer changed = call(asAdmin, "PUT", "/v2/iam/policy/" + id, wider);
    assertThat(changed.status()).as("%s", changed.body()).isEqualTo(200);
    assertThat(authorize(friend, "domain:apiovh:authInfo/get", resource(domain)).toString())
        .contains("\"allowed\":true", "\"policy\":\"" + id + "\"");

    Answer deleted = call(asAdmin, "DELETE", "/v2/iam/policy/" + id, null);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.body().isNull()).isTrue();
    assertThat(authorize(friend, "domain:apiovh:authInfo/get", resource(domain)).toString())
        .contains("\"allowed\":false", "\"denied\":\"notGranted\"");
    assertThat(call(asAdmin, "GET", "/v2/iam/policy/" + id, null).status()).isEqualTo(404);
  }

  @Test
  void theCallersServicesAndTheCatalogue() throws Exception {
    JsonNode resources = call(asAdmin, "GET", "/v2/iam/resource", null).body();
    assertThat(resources.findValuesAsText("urn")).contains(resource(domain));
    assertThat(
            call(credential(tech), "GET", "/v2/iam/resource", null).body().findValuesAsText("urn"))
        .doesNotContain(resource(domain));

    JsonNode actions =
        call(asAdmin, "GET", "/v2/iam/reference/action?resourceType=domain", null).body();
    assertThat(actions.findValuesAsText("action")).contains("domain:apiovh:zone/record/create");
    assertThat(actions.get(0).has("categories") || actions.get(0).has("category")).isTrue();
    assertThat(call(asAdmin, "GET", "/v2/iam/reference/action?resourceType=boat", null).status())
        .isEqualTo(400);
  }

  @Test
  void aTechnicalContactCannotCreateAPolicy() throws Exception {
    Answer refused =
        call(
            credential(tech),
            "POST",
            "/v2/iam/policy",
            policy(account(friend), resource(domain), "domain:apiovh:get"));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().get("message").asText()).contains("not the administrator");
  }

  @Test
  void nobodyReadsOrChangesAnotherOwnersPolicy() throws Exception {
    String id = create(policy(account(friend), resource(domain), "domain:apiovh:get"));
    Credential other = credential(fixtures.account());

    assertThat(call(other, "GET", "/v2/iam/policy/" + id, null).status()).isEqualTo(404);
    assertThat(call(other, "GET", "/v2/iam/policy", null).body().findValuesAsText("id"))
        .doesNotContain(id);
    assertThat(call(credential(friend), "DELETE", "/v2/iam/policy/" + id, null).status())
        .isEqualTo(404);
    assertThat(
            call(
                    other,
                    "PUT",
                    "/v2/iam/policy/" + id,
                    policy(account(friend), resource(domain), "domain:apiovh:*"))
                .status())
        .isEqualTo(404);
  }

  @Test
  void aPolicyOverAServiceTheOwnerDoesNotAdministerIsRefused() throws Exception {
    HostedService foreign = fixtures.serviceOwnedBy(fixtures.account());

    Answer refused =
        call(
            asAdmin,
            "POST",
            "/v2/iam/policy",
            policy(account(friend), resource(foreign), "domain:apiovh:get"));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(call(asAdmin, "GET", "/v2/iam/policy", null).body().size()).isZero();
  }

  @Test
  void aGlobReachesOnlyTheOwnersServices() throws Exception {
    HostedService mine = fixtures.serviceOwnedBy(admin);
    HostedService foreign = fixtures.serviceOwnedBy(fixtures.account());
    create(policy(account(friend), "urn:v1:eu:resource:domain:*", "domain:apiovh:get"));

    assertThat(authorize(friend, "domain:apiovh:get", resource(mine)).get("allowed").asBoolean())
        .isTrue();
    assertThat(
            authorize(friend, "domain:apiovh:get", "domain/" + domain.name())
                .get("allowed")
                .asBoolean())
        .isTrue();
    assertThat(authorize(friend, "domain:apiovh:get", resource(foreign)).get("allowed").asBoolean())
        .isFalse();
  }

  @Test
  void badPoliciesAreRefusedByNameAndStoreNothing() throws Exception {
    List<Map<String, Object>> bad =
        List.of(
            policy("urn:v1:eu:identity:account:nobody", resource(domain), "domain:apiovh:get"),
            policy(account(admin), resource(domain), "domain:apiovh:get"),
            policy(
                account(friend), "urn:v1:ca:resource:domain:" + domain.name(), "domain:apiovh:get"),
            policy(account(friend), resource(domain), "vps:apiovh:reboot"),
            policy(account(friend), resource(domain), "bad action!"),
            policy(account(friend), resource(domain)));
    for (Map<String, Object> body : bad) {
      Answer refused = call(asAdmin, "POST", "/v2/iam/policy", body);
      assertThat(refused.status()).as("%s -> %s", body, refused.body()).isEqualTo(400);
      assertThat(refused.body().get("message").asText()).isNotBlank();
    }
    Map<String, Object> past =
        new java.util.HashMap<>(policy(account(friend), resource(domain), "domain:apiovh:get"));
    past.put("expiredAt", clock.instant().minusSeconds(1).toString());
    assertThat(call(asAdmin, "POST", "/v2/iam/policy", past).status()).isEqualTo(400);
    assertThat(call(asAdmin, "GET", "/v2/iam/policy", null).body().size()).isZero();
  }

  @Test
  void theOperatorGetsTheRoleThePolicyOrTheReasonInOrder() throws Exception {
    String id = create(policy(account(friend), resource(domain), "domain:apiovh:zone/*"));
    List<Map<String, String>> checks =
        List.of(
            Map.of(
                "identity",
                tech.value(),
                "action",
                "domain:apiovh:zone/record/create",
                "resource",
                resource(domain)),
            Map.of(
                "identity",
                friend.value(),
                "action",
                "domain:apiovh:zone/record/create",
                "resource",
                resource(domain)),
            Map.of(
                "identity",
                friend.value(),
                "action",
                "domain:apiovh:renew",
                "resource",
                resource(domain)),
            Map.of(
                "identity",
                friend.value(),
                "action",
                "domain:apiovh:get",
                "resource",
                "domain/nowhere.example"),
            Map.of(
                "identity",
                "zz999999-ovh",
                "action",
                "domain:apiovh:get",
                "resource",
                resource(domain)));

    JsonNode results =
        operator("/operator/v1/authorize/batch", Map.of("checks", checks)).body().get("results");

    assertThat(results.get(0).toString())
        .isEqualTo("{\"allowed\":true,\"because\":{\"role\":\"tech\"}}");
    assertThat(results.get(1).toString())
        .isEqualTo("{\"allowed\":true,\"because\":{\"policy\":\"" + id + "\"}}");
    assertThat(results.get(2).get("because").get("denied").asText()).isEqualTo("unknownAction");
    assertThat(results.get(3).get("because").get("denied").asText()).isEqualTo("unknownResource");
    assertThat(results.get(4).get("because").get("denied").asText()).isEqualTo("unknownIdentity");
  }

  @Test
  void theOperatorsBadInputIsA400() throws Exception {
    assertThat(
            operator(
                    "/operator/v1/authorize",
                    Map.of("identity", "not a nic", "action", "x", "resource", "domain/a.example"))
                .status())
        .isEqualTo(400);
    assertThat(
            operator(
                    "/operator/v1/authorize",
                    Map.of("identity", friend.value(), "action", "x", "resource", "nothing"))
                .status())
        .isEqualTo(400);
    assertThat(operator("/operator/v1/authorize/batch", Map.of("checks", List.of())).status())
        .isEqualTo(400);
    List<Map<String, String>> tooMany = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(
          Map.of(
              "identity",
              friend.value(),
              "action",
              "domain:apiovh:get",
              "resource",
              resource(domain)));
    }
    assertThat(operator("/operator/v1/authorize/batch", Map.of("checks", tooMany)).status())
        .isEqualTo(400);
    MockHttpServletResponse anonymous =
        mvc.perform(post("/operator/v1/authorize").contentType("application/json").content("{}"))
            .andReturn()
            .getResponse();
    assertThat(anonymous.getStatus()).isEqualTo(401);
  }

  private JsonNode authorize(Nic who, String action, String resource) throws Exception {
    Answer a =
        operator(
            "/operator/v1/authorize",
            Map.of("identity", who.value(), "action", action, "resource", resource));
    assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
    return a.body();
  }
}
