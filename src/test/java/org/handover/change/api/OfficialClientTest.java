package org.handover.change.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.access.AccessDecisions;
import org.handover.catalog.HostedService;
import org.handover.support.Fixtures;
import org.handover.support.H2Database;
import org.handover.support.HttpsServer;
import org.handover.support.MutableClock;
import org.handover.support.NodeProject;
import org.handover.support.TestClockConfiguration;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official npm client ({@code ovh@2.0.3}, unmodified, from {@code src/test/node}) drives the
 * contact change workflow against Handover served over HTTPS on a loopback port: applications are
 * created and credentials validated in the control panel, everything else goes through the client,
 * which signs {@code https://} + host without port + path and fetches {@code /auth/time} before its
 * first signed call. Needs Node.js and npm; fails with a clear message without them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class OfficialClientTest {

  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
  private static final String REDIRECTION = "https://localhost/done";
  private static final String WRONG_CODE = "0000-0000-0000-0000-0000-0000-0000";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static HttpsServer server;

  @Autowired Fixtures fixtures;
  @Autowired MutableClock clock;
  @Autowired AccessDecisions decisions;

  static synchronized HttpsServer server() {
    if (server == null) {
      server = HttpsServer.create(Path.of("target", "official-client-tls"));
    }
    return server;
  }

  @DynamicPropertySource
  static void https(DynamicPropertyRegistry registry) {
    server().register(registry);
    H2Database.register(registry, "official-client");
  }

  /** Installs the client this class drives (once per run). */
  @BeforeEach
  void installOfficialClient() {
    NodeProject.install();
  }

  /** The command that makes one call through the client: {@code METHOD PATH [JSON]}. */
  List<String> clientCommand(String method, String path, String json) {
    List<String> command = new ArrayList<>(List.of("node", "ovh-cli.js", method, path));
    if (json != null) {
      command.add(json);
    }
    return command;
  }

  /** The client's configuration: keys, where the server is, the certificate to trust. */
  Map<String, String> clientEnvironment(Credential caller) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OVH_APP_KEY", caller.appKey());
    env.put("OVH_APP_SECRET", caller.appSecret());
    if (caller.consumerKey() != null) {
      env.put("OVH_CONSUMER_KEY", caller.consumerKey());
    }
    env.put("OVH_HOST", "localhost");
    env.put("OVH_PORT", String.valueOf(server().port()));
    env.put("NODE_EXTRA_CA_CERTS", server().certificatePem().toString());
    return env;
  }

  /** The client's configuration for calls below another API root ({@code /v2}). */
  Map<String, String> clientEnvironment(Credential caller, String root) {
    Map<String, String> env = clientEnvironment(caller);
    env.put("OVH_BASE_PATH", root);
    return env;
  }

  /** Where the client command runs. */
  Path clientDirectory() {
    return NodeProject.DIRECTORY;
  }

  // ---- scenarios ---------------------------------------------------------------------------

  @Test
  void theClientReadsTheServerTimeAndNotTheWallClock() {
    // No key is checked on /auth/time; the client needs some key and secret to start at all.
    Outcome time = call(new Credential("unused", "unused", null), "GET", "/auth/time", null);

    assertThat(ok(time, "GET /auth/time").asLong()).isEqualTo(clock.instant().getEpochSecond());
  }

  @Test
  void aConsumerKeyWorksAsSoonAsItIsValidatedEvenIfTriedBefore() {
    Nic a = fixtures.accountThatSignsIn(Language.en);

    Credential asA = credentialOf(a, "3600", true);

    assertThat(ok(call(asA, "GET", "/me", null), "GET /me").path("nichandle").asString())
        .isEqualTo(a.value());
  }

  @Test
  void aChangeOfTechnicalContactAcceptedByBothParties() {
    Nic a = fixtures.accountThatSignsIn(Language.en);
    Nic x = fixtures.accountThatSignsIn(Language.en);
    Credential asA = credentialOf(a, "86400");
    Credential asX = credentialOf(x, "0");
    HostedService domain = fixtures.serviceOwnedBy(a);
    String name = domain.name();

    JsonNode me = ok(call(asA, "GET", "/me", null), "GET /me");
    assertThat(me.path("nichandle").asString()).isEqualTo(a.value());
    assertThat(me.path("email").asString()).isEqualTo(fixtures.email(a));
    assertThat(me.path("language").isMissingNode()).as("language in %s", me).isFalse();

    long id = requestTechChange(asA, name, x);

    assertThat(ids(ok(call(asA, "GET", "/me/task/contactChange", null), "list"))).contains(id);
    assertThat(ids(ok(call(asX, "GET", "/me/task/contactChange", null), "list as X"))).contains(id);
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("state", "validatingByCustomers");
    filter.put("askingAccount", a.value());
    filter.put("toAccount", x.value());
    assertThat(ids(ok(call(asA, "GET", "/me/task/contactChange", filter), "filtered list")))
        .contains(id);
    assertThat(
            ids(
                ok(
                    call(asA, "GET", "/me/task/contactChange", Map.of("state", "refused")),
                    "list of refused")))
        .doesNotContain(id);

    JsonNode task = task(asA, id);
    assertThat(task.path("id").asLong()).isEqualTo(id);
    assertThat(task.path("state").asString()).isEqualTo("validatingByCustomers");
    assertThat(strings(task.path("contactTypes"))).containsExactly("contactTech");
    assertThat(task.path("serviceDomain").asString()).isEqualTo(name);
    assertThat(task.path("askingAccount").asString()).isEqualTo(a.value());
    assertThat(task.path("fromAccount").asString()).isEqualTo(a.value());
    assertThat(task.path("toAccount").asString()).isEqualTo(x.value());
    assertThat(task.path("dateRequest").isNull() || task.path("dateRequest").isMissingNode())
        .as("dateRequest in %s", task)
        .isFalse();
    assertThat(task.path("dateDone").isNull()).as("dateDone in %s", task).isTrue();

    Outcome wrong = accept(asX, id, WRONG_CODE);
    assertThat(wrong.ok()).as("accepting with a wrong code: %s", wrong).isFalse();
    assertThat(wrong.status().asInt()).as("status of %s", wrong).isEqualTo(400);
    assertThat(wrong.message()).as("message of %s", wrong).isNotBlank();

    assertThat(ok(accept(asA, id, fixtures.codeForTask(id, a)), "A accepts").isNull()).isTrue();
    assertThat(task(asA, id).path("state").asString()).isEqualTo("validatingByCustomers");
    assertThat(ok(accept(asX, id, fixtures.codeForTask(id, x)), "X accepts").isNull()).isTrue();

    JsonNode done = task(asX, id);
    assertThat(done.path("state").asString()).isEqualTo("done");
    assertThat(done.path("dateDone").isNull()).as("dateDone in %s", done).isFalse();

    JsonNode infos =
        ok(call(asA, "GET", "/domain/" + name + "/serviceInfos", null), "serviceInfos");
    assertThat(infos.path("domain").asString()).isEqualTo(name);
    assertThat(infos.path("contactTech").asString()).isEqualTo(x.value());
    assertThat(infos.path("contactAdmin").asString()).isEqualTo(a.value());
    assertThat(infos.path("contactBilling").asString()).isEqualTo(a.value());

    // X is now the technical contact, not the administrator: it cannot appoint an administrator.
    Outcome forbidden =
        call(asX, "POST", "/domain/" + name + "/changeContact", Map.of("contactAdmin", x.value()));
    assertThat(forbidden.ok()).as("X asks for contactAdmin: %s", forbidden).isFalse();
    assertThat(forbidden.status().asInt()).as("status of %s", forbidden).isEqualTo(403);
    assertThat(forbidden.message())
        .as("message of %s", forbidden)
        .contains("Only the administrator of " + name)
        .contains(x.value());
  }

  @Test
  void theNewContactRefuses() {
    Nic a = fixtures.accountThatSignsIn(Language.en);
    Nic x = fixtures.accountThatSignsIn(Language.en);
    Credential asA = credentialOf(a, "3600");
    Credential asX = credentialOf(x, "2592000");
    String name = fixtures.serviceOwnedBy(a).name();
    long id = requestTechChange(asA, name, x);

    Outcome refused =
        call(
            asX,
            "POST",
            "/me/task/contactChange/" + id + "/refuse",
            Map.of("token", fixtures.codeForTask(id, x)));

    assertThat(ok(refused, "X refuses").isNull()).isTrue();
    assertThat(task(asX, id).path("state").asString()).isEqualTo("refused");
    assertThat(task(asA, id).path("state").asString()).isEqualTo("refused");
    JsonNode infos =
        ok(call(asA, "GET", "/domain/" + name + "/serviceInfos", null), "serviceInfos");
    assertThat(infos.path("contactTech").asString()).isEqualTo(a.value());
    Outcome late = accept(asA, id, fixtures.codeForTask(id, a));
    assertThat(late.ok()).as("accepting a refused request: %s", late).isFalse();
    assertThat(late.message()).as("message of %s", late).isNotBlank();
  }

  @Test
  void aResentCodeReplacesTheOldOne() {
    Nic a = fixtures.accountThatSignsIn(Language.en);
    Nic x = fixtures.accountThatSignsIn(Language.en);
    Credential asA = credentialOf(a, "86400");
    Credential asX = credentialOf(x, "86400");
    String name = fixtures.serviceOwnedBy(a).name();
    long id = requestTechChange(asA, name, x);
    String resend = "/me/task/contactChange/" + id + "/resendEmail";
    String old = fixtures.codeForTask(id, x);

    Outcome tooSoon = call(asX, "POST", resend, null);
    assertThat(tooSoon.ok()).as("resend at once: %s", tooSoon).isFalse();
    assertThat(tooSoon.message()).as("message of %s", tooSoon).isNotBlank();

    clock.advance(Duration.ofMinutes(2));
    assertThat(ok(call(asX, "POST", resend, null), "resendEmail").isNull()).isTrue();
    String fresh = fixtures.codeForTask(id, x);
    assertThat(fresh).isNotEqualTo(old);

    Outcome stale = accept(asX, id, old);
    assertThat(stale.ok()).as("accepting with the replaced code: %s", stale).isFalse();
    assertThat(stale.message()).as("message of %s", stale).isNotBlank();

    assertThat(ok(accept(asX, id, fresh), "X accepts with the new code").isNull()).isTrue();
    assertThat(ok(accept(asA, id, fixtures.codeForTask(id, a)), "A accepts").isNull()).isTrue();
    assertThat(task(asA, id).path("state").asString()).isEqualTo("done");
  }

  @Test
  void anEditSentAsTheReferencePanelSendsItIsOneSetAndAClientLoopingOverItsTasksWorks() {
    Nic a = fixtures.accountThatSignsIn(Language.en);
    Nic t = fixtures.account();
    Nic x = fixtures.accountThatSignsIn(Language.en);
    Credential asA = credentialOf(a, "86400");
    Credential asX = credentialOf(x, "0");
    String name = fixtures.service(a, t, a).name();

    // all three fields, as the reference panel sends them: admin and billing move from a to x,
    // tech from t to x — two tasks of one set
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("contactAdmin", x.value());
    body.put("contactTech", x.value());
    body.put("contactBilling", x.value());
    List<Long> tasks =
        ids(ok(call(asA, "POST", "/domain/" + name + "/changeContact", body), "changeContact"));
    assertThat(tasks).hasSize(2);

    // each party accepts every task with its one code, as a client looping over the ids does
    for (Credential party : List.of(asA, asX)) {
      Nic nic = party == asA ? a : x;
      String code = fixtures.codeForTask(tasks.get(0), nic);
      for (long task : tasks) {
        assertThat(ok(accept(party, task, code), nic + " accepts task " + task).isNull()).isTrue();
      }
    }
    for (long task : tasks) {
      assertThat(task(asX, task).path("state").asString()).isEqualTo("done");
    }
    JsonNode infos =
        ok(call(asX, "GET", "/domain/" + name + "/serviceInfos", null), "serviceInfos");
    assertThat(infos.path("contactAdmin").asString()).isEqualTo(x.value());
    assertThat(infos.path("contactTech").asString()).isEqualTo(x.value());
    assertThat(infos.path("contactBilling").asString()).isEqualTo(x.value());

    // nothing changed asked again: no task, no error
    assertThat(ids(ok(call(asX, "POST", "/domain/" + name + "/changeContact", body), "again")))
        .isEmpty();
  }

  @Test
  void anAccessPolicyIsCreatedListedReadAndDeletedThroughV2() {
    Nic a = fixtures.accountThatSignsIn(Language.en);
    Nic x = fixtures.accountThatSignsIn(Language.en);
    Credential asA = credentialOf(a, "3600");
    Credential asX = credentialOf(x, "3600");
    String urn = "urn:v1:eu:resource:domain:" + fixtures.serviceOwnedBy(a).name();
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("name", "dns-week");
    policy.put("identities", List.of("urn:v1:eu:identity:account:" + x.value()));
    policy.put("resources", List.of(Map.of("urn", urn)));
    policy.put(
        "permissions", Map.of("allow", List.of(Map.of("action", "domain:apiovh:zone/record/*"))));
    policy.put("expiredAt", clock.instant().plus(Duration.ofDays(7)).toString());

    JsonNode created = ok(callV2(asA, "POST", "/iam/policy", policy), "POST /v2/iam/policy");
    String id = created.path("id").asString();
    assertThat(created.path("owner").asString()).isEqualTo(a.value());
    JsonNode listed = ok(callV2(asA, "GET", "/iam/policy", null), "GET /v2/iam/policy");
    assertThat(listed.toString()).contains(id, urn);
    JsonNode read = ok(callV2(asA, "GET", "/iam/policy/" + id, null), "GET /v2/iam/policy/{id}");
    assertThat(read.path("identities").toString()).contains(x.value());
    assertThat(read.path("expiredAt").asString()).isEqualTo(policy.get("expiredAt"));
    // the client sends any path containing "/auth" unsigned (it takes it for /auth/time), so the
    // grantee's own authorization/check cannot go through it; the decision it would get is asked
    // of the one decision function directly
    assertThat(decisions.decide(x, "domain:apiovh:zone/record/create", urn).allowed()).isTrue();
    assertThat(decisions.decide(x, "domain:apiovh:authInfo/get", urn).allowed()).isFalse();
    Outcome unsigned =
        callV2(
            asX,
            "POST",
            "/iam/resource/" + urn + "/authorization/check",
            Map.of("actions", List.of("x")));
    assertThat(unsigned.status().asInt()).as("%s", unsigned).isEqualTo(403);

    assertThat(ok(callV2(asA, "DELETE", "/iam/policy/" + id, null), "DELETE").isNull()).isTrue();
    assertThat(decisions.decide(x, "domain:apiovh:zone/record/create", urn).allowed()).isFalse();
    assertThat(ok(callV2(asA, "GET", "/iam/policy", null), "list after").toString())
        .doesNotContain(id);
    Outcome gone = callV2(asA, "GET", "/iam/policy/" + id, null);
    assertThat(gone.ok()).as("%s", gone).isFalse();
    assertThat(gone.status().asInt()).isEqualTo(404);
  }

  // ---- steps -------------------------------------------------------------------------------

  private long requestTechChange(Credential asker, String serviceName, Nic to) {
    JsonNode created =
        ok(
            call(
                asker,
                "POST",
                "/domain/" + serviceName + "/changeContact",
                Map.of("contactTech", to.value())),
            "changeContact");
    List<Long> ids = ids(created);
    assertThat(ids).as("ids created by changeContact").hasSize(1);
    return ids.get(0);
  }

  private JsonNode task(Credential caller, long id) {
    return ok(call(caller, "GET", "/me/task/contactChange/" + id, null), "task " + id);
  }

  private Outcome accept(Credential caller, long id, String code) {
    return call(caller, "POST", "/me/task/contactChange/" + id + "/accept", Map.of("token", code));
  }

  /**
   * What a customer's script holds after the whole onboarding: an application created in the panel,
   * a credential asked for through the client and validated in the panel.
   */
  Credential credentialOf(Nic nic, String validity) {
    return credentialOf(nic, validity, false);
  }

  /**
   * As {@link #credentialOf(Nic, String)}; when {@code tryBeforeValidation}, the script first tries
   * its consumer key before the customer validated it (as scripts that poll do).
   */
  Credential credentialOf(Nic nic, String validity, boolean tryBeforeValidation) {
    Panel panel = new Panel();
    panel.signIn(nic);

    String appName = "script-" + nic.value();
    HttpResponse<String> list = panel.get("/account/api/applications");
    assertThat(list.statusCode()).as("GET /account/api/applications").isEqualTo(200);
    HttpResponse<String> created =
        panel.post(
            "/account/api/applications",
            form(
                "name",
                appName,
                "description",
                "Contact changes for " + nic.value(),
                "_csrf",
                csrf(list.body())));
    assertThat(created.statusCode()).as("POST /account/api/applications").isEqualTo(200);
    String appKey = codeElement(created.body(), "new-application-key");
    String appSecret = codeElement(created.body(), "new-application-secret");

    Map<String, Object> request = new LinkedHashMap<>();
    request.put(
        "accessRules",
        List.of(
            Map.of("method", "GET", "path", "/*"),
            Map.of("method", "POST", "path", "/*"),
            Map.of("method", "PUT", "path", "/*"),
            Map.of("method", "DELETE", "path", "/*")));
    request.put("redirection", REDIRECTION);
    JsonNode pending =
        ok(
            call(new Credential(appKey, appSecret, null), "POST", "/auth/credential", request),
            "POST /auth/credential");
    String consumerKey = pending.path("consumerKey").asString();
    String validationUrl = pending.path("validationUrl").asString();
    assertThat(consumerKey).as("consumerKey in %s", pending).isNotBlank();
    assertThat(pending.path("state").asString()).isEqualTo("pendingValidation");
    assertThat(validationUrl)
        .startsWith(server().baseUrl() + "/account/api/credentials/validate?token=");
    Credential credential = new Credential(appKey, appSecret, consumerKey);

    if (tryBeforeValidation) {
      Outcome early = call(credential, "GET", "/me", null);
      assertThat(early.ok()).as("GET /me before validation: %s", early).isFalse();
      assertThat(early.status().asInt()).as("status of %s", early).isEqualTo(403);
      assertThat(early.message()).as("message of %s", early).isNotBlank();
    }

    HttpResponse<String> review = panel.get(validationUrl);
    assertThat(review.statusCode()).as("GET %s", validationUrl).isEqualTo(200);
    assertThat(review.body()).contains(appName).contains("/*");
    HttpResponse<String> validated =
        panel.post(
            "/account/api/credentials/validate",
            form(
                "token",
                hiddenInput(review.body(), "token"),
                "validity",
                validity,
                "decision",
                "validate",
                "_csrf",
                csrf(review.body())));
    assertThat(validated.statusCode())
        .as("POST /account/api/credentials/validate: %s", validated.body())
        .isEqualTo(302);
    assertThat(validated.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).startsWith(REDIRECTION));

    JsonNode me = ok(call(credential, "GET", "/me", null), "GET /me after validation");
    assertThat(me.path("nichandle").asString()).isEqualTo(nic.value());
    return credential;
  }

  // ---- the official client -----------------------------------------------------------------

  /** An application key and secret, and a consumer key once one is asked for. */
  record Credential(String appKey, String appSecret, String consumerKey) {}

  /** The one line {@code ovh-cli.js} printed. */
  record Outcome(boolean ok, JsonNode result, JsonNode status, String message, String line) {
    @Override
    public String toString() {
      return line;
    }
  }

  /** Runs {@code node ovh-cli.js METHOD PATH [JSON]} as the caller, and parses what it prints. */
  Outcome call(Credential caller, String method, String path, Object params) {
    return call(clientEnvironment(caller), method, path, params);
  }

  /** As {@link #call(Credential, String, String, Object)} below the {@code /v2} root. */
  Outcome callV2(Credential caller, String method, String path, Object params) {
    return call(clientEnvironment(caller, "/v2"), method, path, params);
  }

  private Outcome call(Map<String, String> env, String method, String path, Object params) {
    List<String> command =
        clientCommand(method, path, params == null ? null : JSON.writeValueAsString(params));
    String output = NodeProject.run(command, clientDirectory(), CLIENT_TIMEOUT, env);
    String line =
        output
            .lines()
            .filter(l -> l.startsWith("{"))
            .reduce((first, second) -> second)
            .orElseThrow(
                () ->
                    new AssertionError(
                        String.join(" ", command.subList(0, Math.min(4, command.size())))
                            + " printed no JSON: "
                            + output));
    JsonNode json = JSON.readTree(line);
    JsonNode message = json.path("message");
    return new Outcome(
        json.path("ok").asBoolean(),
        json.path("result"),
        json.path("status"),
        message.isString() ? message.asString() : null,
        method + " " + path + " -> " + line);
  }

  private static JsonNode ok(Outcome outcome, String what) {
    assertThat(outcome.ok()).as("%s through the official client: %s", what, outcome).isTrue();
    return outcome.result();
  }

  private static List<Long> ids(JsonNode array) {
    assertThat(array.isArray()).as("an array of ids: %s", array).isTrue();
    List<Long> ids = new ArrayList<>();
    for (JsonNode id : array) {
      assertThat(id.isIntegralNumber()).as("an id: %s", id).isTrue();
      ids.add(id.asLong());
    }
    return ids;
  }

  private static List<String> strings(JsonNode array) {
    assertThat(array.isArray()).as("an array: %s", array).isTrue();
    List<String> values = new ArrayList<>();
    for (JsonNode value : array) {
      values.add(value.asString());
    }
    return values;
  }

  // ---- the control panel -------------------------------------------------------------------

  /** One browser: its own cookies, trusting the test certificate, never following redirects. */
  private static final class Panel {

    private final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER))
            .sslContext(server().trustingContext())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    void signIn(Nic nic) {
      HttpResponse<String> page = get("/login");
      assertThat(page.statusCode()).as("GET /login").isEqualTo(200);
      HttpResponse<String> signedIn =
          post(
              "/login",
              form(
                  "login", nic.value(), "password", Fixtures.PASSWORD, "_csrf", csrf(page.body())));
      assertThat(signedIn.statusCode()).as("POST /login").isEqualTo(302);
      assertThat(signedIn.headers().firstValue("Location"))
          .as("where sign-in leads")
          .hasValueSatisfying(
              location -> assertThat(location).doesNotContain("error", "throttled", "/login"));
    }

    HttpResponse<String> get(String pathOrUrl) {
      return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    HttpResponse<String> post(String path, String form) {
      return send(
          HttpRequest.newBuilder(uri(path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        return http.send(
            request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private static URI uri(String pathOrUrl) {
      return URI.create(
          pathOrUrl.startsWith("https://") ? pathOrUrl : server().baseUrl() + pathOrUrl);
    }
  }

  private static String form(String... namesAndValues) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      pairs.add(
          URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8)
              + "="
              + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
    }
    return String.join("&", pairs);
  }

  private static String csrf(String html) {
    return hiddenInput(html, "_csrf");
  }

  /** The value of the first input with this name on the page. */
  private static String hiddenInput(String html, String name) {
    Matcher input =
        Pattern.compile("<input\\b[^>]*\\bname=\"" + Pattern.quote(name) + "\"[^>]*>")
            .matcher(html);
    assertThat(input.find()).as("an input named %s on the page:%n%s", name, html).isTrue();
    Matcher value = Pattern.compile("\\bvalue=\"([^\"]*)\"").matcher(input.group());
    assertThat(value.find()).as("a value on %s", input.group()).isTrue();
    return unescape(value.group(1));
  }

  /** The text of {@code <code id="ID">TEXT</code>}. */
  private static String codeElement(String html, String id) {
    Matcher code =
        Pattern.compile("<code\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)</code>")
            .matcher(html);
    assertThat(code.find()).as("<code id=\"%s\"> on the page:%n%s", id, html).isTrue();
    String text = unescape(code.group(1)).strip();
    assertThat(text).as("the text of #%s", id).isNotBlank();
    return text;
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
