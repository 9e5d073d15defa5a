package org.handover.catalog.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiKeys;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.NewService;
import org.handover.catalog.ServiceType;
import org.handover.contact.Contacts;
import org.handover.support.Fixtures;
import org.handover.support.H2Database;
import org.handover.support.MutableClock;
import org.handover.support.SignedRequests;
import org.handover.support.SignedRequests.Credential;
import org.handover.support.TestClockConfiguration;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The service routes of every category go through one mapping per handler ({@link ServiceRoutes}),
 * under both roots, and a pair of segments that names no category gets the answer of a call that
 * matches no route at all. Through real HTTP, since that answer comes from the container's error
 * dispatch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class ServiceRoutesTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    H2Database.register(registry, "service-routes");
  }

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired HostedServices services;
  @Autowired ApiKeys keys;
  @Autowired MutableClock clock;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private final HttpClient http = HttpClient.newHttpClient();
  private Nic owner;
  private Credential credential;

  @BeforeEach
  void signedCaller() {
    owner = fixtures.account();
    credential =
        SignedRequests.credential(
            keys, owner, List.of(AccessRule.of("GET", "/*"), AccessRule.of("POST", "/*")));
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    String url = "http://localhost:" + port + path;
    long ts = clock.instant().getEpochSecond();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("X-Ovh-Application", credential.appKey())
            .header("X-Ovh-Consumer", credential.consumerKey())
            .header("X-Ovh-Timestamp", String.valueOf(ts))
            .header(
                "X-Ovh-Signature",
                SignedRequests.sign(credential, method, url, body == null ? "" : body, ts))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(path, e);
    }
  }

  private HostedService serviceOf(ServiceType type) {
    String name = type.name() + "-" + System.nanoTime() + ".example";
    return services.register(
        new NewService(
            type, name, name, HostedService.Status.ok, null, Contacts.allTo(owner), null),
        Actor.system());
  }

  @Test
  void eachHandlerIsMappedOnceForEveryCategory() {
    Map<String, Long> mappingsPerHandler = new TreeMap<>();
    List<String> patterns = new ArrayList<>();
    mappings
        .getHandlerMethods()
        .forEach(
            (info, handler) -> {
              String bean = handler.getBeanType().getSimpleName();
              if (bean.equals("ServicesApi") || bean.equals("HistoryApi")) {
                mappingsPerHandler.merge(bean + "." + handler.getMethod().getName(), 1L, Long::sum);
                patterns.addAll(info.getPatternValues());
              }
            });
    assertThat(mappingsPerHandler)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "ServicesApi.list", 1L,
                "ServicesApi.serviceInfos", 1L,
                "ServicesApi.changeContact", 1L,
                "HistoryApi.history", 1L));
    assertThat(patterns).hasSize(16).allMatch(p -> p.contains("{category:"));
  }

  @Test
  void everyCategoryIsListedShownHistoriedAndHandedOverUnderBothRoots() throws Exception {
    Nic next = fixtures.account();
    ServiceType[] types = ServiceType.values();
    for (int i = 0; i < types.length; i++) {
      ServiceType type = types[i];
      HostedService s = serviceOf(type);
      String root = i % 2 == 0 ? "/1.0/" : "/v1/";
      String at = root + type.apiPrefix() + "/" + s.name();

      HttpResponse<String> list = call("GET", root + type.apiPrefix(), null);
      assertThat(list.statusCode()).as(type + " list").isEqualTo(200);
      assertThat(list.body()).contains("\"" + s.name() + "\"");

      HttpResponse<String> infos = call("GET", at + "/serviceInfos", null);
      assertThat(infos.statusCode()).as(type + " serviceInfos").isEqualTo(200);
      assertThat(infos.body()).contains("\"domain\":\"" + s.name() + "\"");

      assertThat(call("GET", at + "/history", null).statusCode())
          .as(type + " history")
          .isEqualTo(200);

      HttpResponse<String> changed =
          call("POST", at + "/changeContact", "{\"contactTech\":\"" + next.value() + "\"}");
      assertThat(changed.statusCode()).as(type + " changeContact").isEqualTo(200);
      assertThat(changed.body()).matches("\\[\\d+]");

      // a service is found only under its own category
      ServiceType other = types[(i + 1) % types.length];
      HttpResponse<String> elsewhere =
          call("GET", root + other.apiPrefix() + "/" + s.name() + "/serviceInfos", null);
      assertThat(elsewhere.statusCode()).as(type + " under " + other).isEqualTo(404);
      assertThat(elsewhere.body()).contains("Client::NotFound").contains(s.name());
    }
  }

  @Test
  void segmentsThatNameNoCategoryGetTheAnswerOfACallWithNoRoute() throws Exception {
    HttpResponse<String> noRoute = call("GET", "/1.0/no/such/call", null);
    assertThat(noRoute.statusCode()).isEqualTo(404);
    assertThat(noRoute.body())
        .contains("\"class\":\"Client::NotFound\"")
        .contains("GET /1.0/no/such/call");
    assertThat(noRoute.headers().firstValue("X-Ovh-QueryID")).isPresent();
    String[][] unknown = {
      {"GET", "/1.0/hosting/zone"},
      {"GET", "/v1/cloud/web/x.example/serviceInfos"},
      {"GET", "/1.0/dedicated/project/x.example/history"},
      {"POST", "/1.0/email/zone/x.example/changeContact"},
      {"GET", "/1.0/nosuch/x.example/serviceInfos"},
      {"GET", "/1.0/nosuch"}
    };
    for (String[] u : unknown) {
      HttpResponse<String> r = call(u[0], u[1], u[0].equals("POST") ? "{}" : null);
      assertThat(r.statusCode()).as(u[1]).isEqualTo(404);
      assertThat(r.body())
          .as(u[1])
          .isEqualTo(noRoute.body().replace("GET /1.0/no/such/call", u[0] + " " + u[1]));
      assertThat(r.headers().firstValue("Content-Type"))
          .as(u[1])
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(r.headers().firstValue("X-Ovh-QueryID")).as(u[1]).isPresent();
    }
  }
}
