package org.handover.access.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import org.handover.access.Policies;
import org.handover.access.PolicyDraft;
import org.handover.catalog.HostedService;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * {@link LeanAuthorize} answers a plain {@code POST /operator/v1/authorize} without Spring MVC,
 * with the same status, headers and bytes as {@link OperatorAuthorizeApi} gives the same question
 * when it goes the long way; everything else (bad input, another shape, no token) still reaches the
 * controller or the security chain and is answered as before.
 */
class LeanAuthorizeTest extends IntegrationTest {

  private static final String PATH = "/operator/v1/authorize";

  @Autowired MockMvc mvc;
  @Autowired Policies policies;

  @Test
  void aPlainQuestionIsAnsweredTheShortWayWithTheControllersStatusHeadersAndBytes()
      throws Exception {
    Nic admin = fixtures.account();
    Nic tech = fixtures.account();
    Nic friend = fixtures.account();
    HostedService domain = fixtures.service(admin, tech, admin);
    String urn = "urn:v1:eu:resource:domain:" + domain.name();
    String id =
        policies
            .create(
                Fixtures.as(admin),
                new PolicyDraft(
                    "share",
                    null,
                    List.of("urn:v1:eu:identity:account:" + friend.value()),
                    List.of(urn),
                    List.of("domain:apiovh:*"),
                    List.of(),
                    List.of("domain:apiovh:terminate"),
                    null))
            .id();
    List<String> questions = new ArrayList<>();
    questions.add(check(tech.value(), "domain:apiovh:zone/record/create", urn));
    questions.add(check(friend.value(), "domain:apiovh:get", "domain/" + domain.name()));
    questions.add(check(friend.value(), "domain:apiovh:terminate", urn));
    questions.add(check(friend.value(), "domain:apiovh:nothing", urn));
    questions.add(check(friend.value(), "domain:apiovh:get", "domain/nowhere.example"));
    questions.add(check("zz999999-ovh", "domain:apiovh:get", urn));

    for (String body : questions) {
      MvcResult shortWay = ask(body, null);
      MvcResult longWay = ask(body, "application/*");

      assertThat(shortWay.getHandler()).as("answered before MVC: %s", body).isNull();
      assertThat(longWay.getHandler()).as("answered by the controller").isNotNull();
      sameAnswer(shortWay.getResponse(), longWay.getResponse());
    }
    assertThat(ask(questions.get(1), null).getResponse().getContentAsString())
        .isEqualTo("{\"allowed\":true,\"because\":{\"policy\":\"" + id + "\"}}");
    assertThat(ask(questions.get(2), null).getResponse().getContentAsString())
        .isEqualTo(
            "{\"allowed\":false,\"because\":{\"denied\":\"deniedByPolicy\",\"policy\":\""
                + id
                + "\"}}");
  }

  @Test
  void everythingElseReachesTheControllerAndIsAnsweredAsBefore() throws Exception {
    Nic admin = fixtures.account();
    HostedService domain = fixtures.serviceOwnedBy(admin);
    String urn = "urn:v1:eu:resource:domain:" + domain.name();
    String plain = check(admin.value(), "domain:apiovh:get", urn);
    List<String> others =
        List.of(
            check("not a nic", "domain:apiovh:get", urn),
            check(admin.value(), " ", urn),
            check(admin.value(), "domain:apiovh:get", "nothing"),
            "{\"identity\":\"" + admin.value() + "\",\"action\":\"domain:apiovh:get\"}",
            plain.replace("{", "{\"identity\":\"x\","),
            plain.replace("}", ",\"note\":\"x\"}"),
            plain.replace("\"domain:apiovh:get\"", "7"),
            "{\"identity\":",
            "[]",
            plain + " {}");
    for (String body : others) {
      MvcResult result = ask(body, null);
      assertThat(result.getHandler()).as("the controller answers %s", body).isNotNull();
    }
    assertThat(ask(others.get(0), null).getResponse().getStatus()).isEqualTo(400);
    assertThat(ask(others.get(4), null).getResponse().getStatus()).isEqualTo(400);
    MockHttpServletResponse anonymous =
        mvc.perform(post(PATH).contentType("application/json").content(plain))
            .andReturn()
            .getResponse();
    assertThat(anonymous.getStatus()).isEqualTo(401);
  }

  private MvcResult ask(String body, String accept) throws Exception {
    var request =
        post(PATH)
            .header("Authorization", "Bearer test-operator-token")
            .contentType("application/json")
            .content(body);
    if (accept != null) {
      request.header("Accept", accept);
    }
    return mvc.perform(request).andReturn();
  }

  private static void sameAnswer(MockHttpServletResponse lean, MockHttpServletResponse mvc)
      throws Exception {
    assertThat(lean.getStatus()).isEqualTo(mvc.getStatus()).isEqualTo(200);
    assertThat(lean.getContentAsString()).isEqualTo(mvc.getContentAsString());
    assertThat(lean.getContentType()).isEqualTo(mvc.getContentType());
    assertThat(lean.getHeaderNames()).containsExactlyInAnyOrderElementsOf(mvc.getHeaderNames());
    for (String header : mvc.getHeaderNames()) {
      if (!header.equals("Server-Timing")) {
        assertThat(lean.getHeaders(header)).as(header).isEqualTo(mvc.getHeaders(header));
      }
    }
    assertThat(lean.getHeader("Server-Timing")).matches("decide;dur=[0-9]+\\.[0-9]{3}");
  }

  private static String check(String identity, String action, String resource) {
    return "{\"identity\":\""
        + identity
        + "\",\"action\":\""
        + action
        + "\",\"resource\":\""
        + resource
        + "\"}";
  }
}
