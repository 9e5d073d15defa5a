package org.handover.change.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.contact.ContactRole.billing;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;
import static org.handover.support.Fixtures.wanted;
import static org.handover.support.SignedRequests.signed;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiKeys;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.NewService;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeItem;
import org.handover.change.ChangeSet;
import org.handover.contact.ContactRole;
import org.handover.contact.Contacts;
import org.handover.support.ChangeUseCases;
import org.handover.support.IntegrationTest;
import org.handover.support.SignedRequests;
import org.handover.support.SignedRequests.Credential;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@link LeanReads} answers a plain signed task read and the plain task list without Spring MVC,
 * with the same status, headers and bytes as {@link TasksApi} gives the same call when it goes the
 * long way (an {@code Accept} of {@code application/*}, which the short way leaves to MVC);
 * everything else — a task that is not the caller's or does not exist, odd paths, queries, HEAD,
 * unsigned or ungranted calls — is answered by the controller or the security chain as before.
 */
class LeanReadsTest extends IntegrationTest {

  private static final String TASKS = "/1.0/me/task/contactChange";

  @Autowired MockMvc mvc;
  @Autowired ApiKeys keys;
  @Autowired ChangeUseCases changes;
  @Autowired HostedServices services;

  @Test
  void tasksInEveryStateAreAnsweredTheShortWayWithTheControllersStatusHeadersAndBytes()
      throws Exception {
    Nic admin = fixtures.account();
    Nic x = fixtures.account();
    Nic y = fixtures.account();
    ChangeSet pending = request(admin, wanted(tech, x));
    ChangeSet several = request(admin, Map.of(tech, x, billing, y));
    ChangeSet done = request(admin, wanted(tech, y));
    changes.accept(as(admin), done.id(), fixtures.codeFor(done.id(), admin));
    changes.accept(as(y), done.id(), fixtures.codeFor(done.id(), y));
    ChangeSet refused = request(admin, wanted(billing, x));
    changes.refuse(as(x), refused.id(), fixtures.codeFor(refused.id(), x), "Non, \"ça\" <non> é\t");
    ChangeSet cancelled = request(admin, wanted(tech, y));
    changes.cancel(as(admin), cancelled.id());

    List<Credential> callers = new ArrayList<>();
    for (Nic nic : List.of(admin, x, y)) {
      callers.add(SignedRequests.credential(keys, nic, List.of(AccessRule.of("GET", "/*"))));
    }
    int compared = 0;
    for (ChangeSet set : List.of(pending, several, done, refused, cancelled)) {
      for (ChangeItem item : changes.find(set.id()).orElseThrow().items()) {
        for (Credential caller : callers) {
          if (set.involves(caller.nic())) {
            for (String root : List.of("/1.0", "/v1")) {
              sameAnswer(caller, root + "/me/task/contactChange/" + item.taskId());
              compared++;
            }
          }
        }
      }
    }
    for (Credential caller : callers) {
      sameAnswer(caller, TASKS);
      sameAnswer(caller, "/v1/me/task/contactChange");
    }
    assertThat(compared).isEqualTo(28);
    long refusedTask = changes.find(refused.id()).orElseThrow().items().get(0).taskId();
    assertThat(body(read(callers.get(1), TASKS + "/" + refusedTask)))
        .contains("\"state\":\"refused\"")
        .contains("“Non, \\\"ça\\\" <non> é”");
  }

  @Test
  void everythingElseIsAnsweredByTheControllerOrTheSecurityChainAsBefore() throws Exception {
    Nic admin = fixtures.account();
    Nic x = fixtures.account();
    Nic stranger = fixtures.account();
    long task =
        changes.find(request(admin, wanted(tech, x)).id()).orElseThrow().items().get(0).taskId();
    Credential owner = SignedRequests.credential(keys, admin, List.of(AccessRule.of("GET", "/*")));
    Credential other =
        SignedRequests.credential(keys, stranger, List.of(AccessRule.of("GET", "/*")));
    Credential meOnly =
        SignedRequests.credential(keys, admin, List.of(AccessRule.of("GET", "/me")));

    // another customer's task and a missing one: the controller's same 404, in the caller's
    // language
    for (String path :
        List.of(TASKS + "/" + task, TASKS + "/" + (task + 1_000_000), TASKS + "/0")) {
      MvcResult refused = controllerAnswers(other, path, 404);
      assertThat(body(refused)).contains("Client::NotFound");
    }
    MvcResult german =
        mvc.perform(at(other, TASKS + "/" + task).header("Accept-Language", "de")).andReturn();
    assertThat(german.getHandler()).isNotNull();
    assertThat(german.getResponse().getStatus()).isEqualTo(404);
    assertThat(body(german)).isNotEqualTo(body(read(other, TASKS + "/" + task)));

    // odd ids, paths and queries go to the controller
    controllerAnswers(owner, TASKS + "/abc", 400);
    controllerAnswers(owner, TASKS + "/-" + task, 404);
    controllerAnswers(owner, TASKS + "/" + task + "?x=1", 200);
    controllerAnswers(owner, TASKS + "/0" + task, 200);
    controllerAnswers(owner, TASKS + "/12345678901234567890", 400);
    controllerAnswers(owner, TASKS + "?state=done", 200);
    controllerAnswers(owner, TASKS + "?state=nothing", 400);

    // unsigned, wrongly signed and ungranted calls never pass the security chain
    for (MockHttpServletRequestBuilder refused :
        List.of(
            get(TASKS + "/" + task),
            signed(owner, "GET", TASKS + "/" + task, null, now(), "$1$0"),
            at(meOnly, TASKS + "/" + task),
            signed(owner, "HEAD", TASKS + "/" + task, null, now()),
            at(meOnly, TASKS))) {
      MvcResult result = mvc.perform(refused).andReturn();
      assertThat(result.getHandler()).isNull();
      assertThat(result.getResponse().getStatus()).isBetween(400, 403);
      MvcResult longWay = mvc.perform(refused.header("Accept", "application/*")).andReturn();
      assertThat(result.getResponse().getStatus()).isEqualTo(longWay.getResponse().getStatus());
      assertThat(body(result)).isEqualTo(body(longWay)).contains("\"class\":\"Client::");
    }
  }

  @Test
  void serviceInfosAreAnsweredTheShortWayAndEverythingElseByTheController() throws Exception {
    Nic admin = fixtures.account();
    Nic x = fixtures.account();
    Nic stranger = fixtures.account();
    Instant expiry = Instant.parse("2031-05-17T10:11:12Z");
    HostedService domain = fixtures.service(admin, x, admin);
    HostedService hosting =
        register(ServiceType.hosting, "web-" + x.value() + ".example", expiry, admin, x);
    HostedService dedicated =
        register(ServiceType.dedicated, "ns" + x.value() + ".example", null, admin, admin);
    Credential owner = SignedRequests.credential(keys, admin, List.of(AccessRule.of("GET", "/*")));
    Credential tech = SignedRequests.credential(keys, x, List.of(AccessRule.of("GET", "/*")));
    Credential other =
        SignedRequests.credential(keys, stranger, List.of(AccessRule.of("GET", "/*")));
    for (String root : List.of("/1.0", "/v1")) {
      for (HostedService s : List.of(domain, hosting, dedicated)) {
        sameAnswer(owner, root + "/" + s.type().apiPrefix() + "/" + s.name() + "/serviceInfos");
      }
      sameAnswer(tech, root + "/hosting/web/" + hosting.name() + "/serviceInfos");
    }
    assertThat(body(read(owner, "/1.0/hosting/web/" + hosting.name() + "/serviceInfos")))
        .contains("\"expiration\":\"2031-05-17\"");

    controllerAnswers(tech, "/1.0/dedicated/server/" + dedicated.name() + "/serviceInfos", 404);
    controllerAnswers(other, "/1.0/domain/" + domain.name() + "/serviceInfos", 404);
    controllerAnswers(owner, "/1.0/domain/nowhere.example/serviceInfos", 404);
    controllerAnswers(owner, "/1.0/hosting/zone/" + hosting.name() + "/serviceInfos", 404);
    controllerAnswers(owner, "/1.0/domain/" + domain.name() + "~/serviceInfos", 404);
    controllerAnswers(owner, "/1.0/domain/" + domain.name() + "/serviceInfos?x=1", 200);
    controllerAnswers(owner, "/1.0/domain", 200);
  }

  private HostedService register(
      ServiceType type, String name, Instant expiry, Nic admin, Nic tech) {
    return services.register(
        new NewService(
            type,
            name,
            name,
            HostedService.Status.ok,
            expiry,
            new Contacts(admin, tech, admin),
            null),
        Actor.system());
  }

  private ChangeSet request(Nic admin, Map<ContactRole, Nic> wanted) {
    HostedService service = fixtures.service(admin, admin, admin);
    return changes.request(as(admin), service.type(), service.name(), wanted).orElseThrow();
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private MockHttpServletRequestBuilder at(Credential caller, String path) {
    return signed(caller, "GET", path, null, now());
  }

  private MvcResult read(Credential caller, String path) throws Exception {
    return mvc.perform(at(caller, path)).andReturn();
  }

  /** Both ways reach the controller; the same status and bytes. */
  private MvcResult controllerAnswers(Credential caller, String path, int status) throws Exception {
    MvcResult plain = read(caller, path);
    MvcResult longWay = mvc.perform(at(caller, path).header("Accept", "application/*")).andReturn();
    assertThat(plain.getHandler()).as("the controller answers %s", path).isNotNull();
    assertThat(plain.getResponse().getStatus()).as(path).isEqualTo(status);
    assertThat(body(plain)).as(path).isEqualTo(body(longWay));
    return plain;
  }

  private void sameAnswer(Credential caller, String path) throws Exception {
    MvcResult shortWay = read(caller, path);
    MvcResult longWay = mvc.perform(at(caller, path).header("Accept", "application/*")).andReturn();
    assertThat(shortWay.getHandler()).as("answered before MVC: %s", path).isNull();
    assertThat(longWay.getHandler()).as("answered by the controller: %s", path).isNotNull();
    MockHttpServletResponse lean = shortWay.getResponse();
    MockHttpServletResponse mvcAnswer = longWay.getResponse();
    assertThat(lean.getStatus()).as(path).isEqualTo(mvcAnswer.getStatus()).isEqualTo(200);
    assertThat(body(shortWay)).as(path).isEqualTo(body(longWay));
    assertThat(lean.getContentAsByteArray()).as(path).isEqualTo(mvcAnswer.getContentAsByteArray());
    assertThat(lean.getContentType()).isEqualTo(mvcAnswer.getContentType());
    assertThat(lean.getHeaderNames())
        .containsExactlyInAnyOrderElementsOf(mvcAnswer.getHeaderNames());
    for (String header : mvcAnswer.getHeaderNames()) {
      if (!header.equals("X-Ovh-QueryID")) {
        assertThat(lean.getHeaders(header)).as(header).isEqualTo(mvcAnswer.getHeaders(header));
      }
    }
    assertThat(lean.getHeader("X-Ovh-QueryID")).startsWith("HO-");
  }

  private static String body(MvcResult result) throws Exception {
    return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
  }
}
