package org.handover.apiauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeState;
import org.handover.support.Fixtures;
import org.handover.support.H2Database;
import org.handover.support.MutableClock;
import org.handover.support.SignedRequests;
import org.handover.support.SignedRequests.Credential;
import org.handover.support.TestClockConfiguration;
import org.handover.system.Language;
import org.handover.system.Messages;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every refusal of the customer API, the IAM v2 calls, the operator API and {@code /createToken}
 * that a caller's input can cause — the API's own checks and what Spring MVC and the container
 * refuse (missing or mistyped parameters and path variables, malformed JSON, wrong types, numbers
 * too large, unknown fields and values, wrong method, content type or path) — over real HTTP in
 * English, German and Spanish: the status, {@code class} and {@code errorCode} never change with
 * the language, the message is the bundle's text in the language asked for and names the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
class ApiErrorMessagesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String OPERATOR = "test-operator-token";
  private static final List<Locale> LANGUAGES =
      List.of(Locale.ENGLISH, Locale.forLanguageTag("de"), Locale.forLanguageTag("es"));

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    H2Database.register(registry, "api-error-messages");
  }

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired ApiKeys keys;
  @Autowired MutableClock clock;

  private final HttpClient http = HttpClient.newHttpClient();
  private Credential credential;
  private Nic customer;

  /** How a call is made: signed, with only the application key, as the operator, or bare. */
  enum Caller {
    SIGNED,
    APPLICATION,
    OPERATOR,
    BARE,
    FORM
  }

  /** One call and the refusal it must get; {@code field} is what the message must name. */
  record Case(
      Caller caller,
      String method,
      String path,
      String contentType,
      String body,
      int status,
      String errorClass,
      String errorCode,
      String field,
      String key,
      Object... args) {}

  @BeforeEach
  void signedCaller() {
    customer = fixtures.accountThatSignsIn(Language.en);
    credential =
        SignedRequests.credential(
            keys,
            fixtures.account(),
            List.of(
                AccessRule.of("GET", "/*"),
                AccessRule.of("POST", "/*"),
                AccessRule.of("PUT", "/*"),
                AccessRule.of("DELETE", "/*")));
  }

  private List<Case> cases() {
    String json = "application/json";
    String credential = "/1.0/auth/credential";
    String oneRule = "{\"method\":\"GET\",\"path\":\"/me\"}";
    String states =
        Arrays.stream(ChangeState.values()).map(Enum::name).collect(Collectors.joining(", "));
    String types =
        Arrays.stream(ServiceType.values()).map(Enum::name).collect(Collectors.joining(", "));
    String tooManyIps = "[" + String.join(",", Collections.nCopies(51, "\"10.0.0.1\"")) + "]";
    List<Case> all = new ArrayList<>();
    all.add(
        bad(Caller.APPLICATION, "POST", credential, "{\"accessRules\":[]}", "accessRules")
            .key("api.error.accessRules.count", 50));
    all.add(
        bad(
                Caller.APPLICATION,
                "POST",
                credential,
                "{\"accessRules\":[{\"method\":\"PATCH\",\"path\":\"/me\"}]}",
                "accessRules")
            .key("api.error.accessRule", "PATCH", "/me", 500));
    all.add(
        bad(
                Caller.APPLICATION,
                "POST",
                credential,
                "{\"accessRules\":[" + oneRule + "],\"allowedIPs\":" + tooManyIps + "}",
                "allowedIPs")
            .key("api.error.allowedIPs.count", 50));
    all.add(
        bad(
                Caller.APPLICATION,
                "POST",
                credential,
                "{\"accessRules\":[" + oneRule + "],\"allowedIPs\":[\"nope\"]}",
                "allowedIPs")
            .key("api.error.allowedIPs.entry", "nope"));
    all.add(
        bad(
                Caller.APPLICATION,
                "POST",
                credential,
                "{\"accessRules\":[" + oneRule + "],\"redirection\":\"ftp://x\"}",
                "redirection")
            .key("api.error.redirection"));
    all.add(
        bad(Caller.APPLICATION, "POST", credential, "{\"accessRules\":", null)
            .key("api.error.body.malformed"));
    all.add(
        bad(Caller.APPLICATION, "POST", credential, "{\"accessRules\":\"x\"}", "accessRules")
            .key("api.error.value.list", "accessRules"));
    all.add(
        bad(
                Caller.APPLICATION,
                "POST",
                credential,
                "{\"accessRules\":[" + oneRule + "],\"colour\":1}",
                "colour")
            .key("api.error.body.unknownField", "colour", "accessRules, allowedIPs, redirection"));
    all.add(
        bad(Caller.SIGNED, "GET", "/1.0/me/task/contactChange?state=bogus", null, "state")
            .key("api.error.state", "bogus", states));
    all.add(
        bad(Caller.SIGNED, "GET", "/1.0/me/task/contactChange/abc", null, "id")
            .key("api.error.value.integer", "id", Long.MIN_VALUE, Long.MAX_VALUE));
    all.add(
        bad(Caller.SIGNED, "GET", "/1.0/me/task/contactChange/99999999999999999999999", null, "id")
            .key("api.error.value.integer", "id", Long.MIN_VALUE, Long.MAX_VALUE));
    all.add(
        bad(Caller.SIGNED, "POST", "/1.0/me/task/contactChange/1/accept", "{}", "token")
            .key("api.error.token.body"));
    all.add(
        bad(Caller.SIGNED, "POST", "/1.0/me/contactChangeSet", "{\"services\":[]}", "services")
            .key("api.error.set.services", 10_000));
    all.add(
        bad(
                Caller.SIGNED,
                "POST",
                "/1.0/me/contactChangeSet",
                "{\"services\":[{\"type\":\"spaceship\",\"name\":\"x\"}],"
                    + "\"contactTech\":\"aa123456-ovh\"}",
                "type")
            .key("api.error.serviceType", "spaceship", types));
    all.add(
        bad(
                Caller.SIGNED,
                "POST",
                "/1.0/me/contactChangeSet",
                "{\"services\":[{\"type\":\"domain\"}],\"contactTech\":\"aa123456-ovh\"}",
                "name")
            .key("api.error.set.service"));
    all.add(
        bad(
                Caller.SIGNED,
                "POST",
                "/1.0/me/contactChangeSet",
                "{\"services\":[{\"type\":\"domain\",\"name\":\"a.example\"}]}",
                "contactTech")
            .key("api.error.set.noContact"));
    all.add(
        bad(
                Caller.SIGNED,
                "POST",
                "/1.0/domain/a.example/changeContact",
                "{\"contactFoo\":\"x\"}",
                "contactFoo")
            .key("api.error.change.unknownField", "contactFoo"));
    all.add(
        bad(
                Caller.SIGNED,
                "POST",
                "/1.0/domain/a.example/changeContact",
                "{\"contactTech\":5}",
                "contactTech")
            .key("api.error.change.notNic", "contactTech"));
    all.add(
        bad(Caller.SIGNED, "PUT", "/1.0/domain/a.example/owner", "", null)
            .key("api.error.body.missing"));
    all.add(
        bad(
                Caller.SIGNED,
                "POST",
                "/v2/iam/resource/urn:v1:eu:resource:domain:a.example/authorization/check",
                "{\"actions\":[]}",
                "actions")
            .key("api.error.actions.count", 100));
    all.add(
        bad(
                Caller.SIGNED,
                "POST",
                "/v2/iam/resource/urn:v1:eu:resource:domain:a.example/authorization/check",
                "{\"actions\":[\" \"]}",
                "actions")
            .key("api.error.actions.empty"));
    all.add(
        bad(Caller.SIGNED, "GET", "/1.0/me/securityLog?before=x", null, "before")
            .key("api.error.before.line"));
    all.add(
        new Case(
            Caller.BARE,
            "DELETE",
            "/1.0/auth/time",
            null,
            null,
            405,
            "Client::MethodNotAllowed",
            "METHOD_NOT_ALLOWED",
            "GET",
            "api.error.method",
            "DELETE",
            "/1.0/auth/time",
            "GET"));
    all.add(
        new Case(
            Caller.SIGNED,
            "GET",
            "/1.0/no/such/call",
            null,
            null,
            404,
            "Client::NotFound",
            "NOT_FOUND",
            "/1.0/no/such/call",
            "api.error.noSuchCall",
            "GET",
            "/1.0/no/such/call"));
    all.add(
        new Case(
            Caller.APPLICATION,
            "POST",
            credential,
            "text/plain",
            "x",
            400,
            "Client::BadRequest",
            "BAD_REQUEST",
            "text/plain",
            "api.error.contentType",
            "text/plain",
            json));
    // the operator API
    all.add(
        bad(Caller.SIGNED, "GET", "/v2/iam/reference/action", null, "resourceType")
            .key("api.error.parameter.missing", "resourceType"));
    all.add(
        new Case(
            Caller.OPERATOR,
            "POST",
            "/operator/v1/import",
            json,
            "{}",
            415,
            "Client::BadRequest",
            "UNSUPPORTED_MEDIA_TYPE",
            "multipart/form-data",
            "api.error.contentType",
            json,
            "multipart/form-data"));
    all.add(
        bad(Caller.OPERATOR, "GET", "/operator/v1/contact-changes?state=bogus", null, "state")
            .key("api.error.state", "bogus", states));
    all.add(
        bad(Caller.OPERATOR, "GET", "/operator/v1/contact-changes?page=abc", null, "page")
            .key("api.error.value.integer", "page", Integer.MIN_VALUE, Integer.MAX_VALUE));
    all.add(
        bad(Caller.OPERATOR, "GET", "/operator/v1/contact-changes?size=1e99", null, "size")
            .key("api.error.value.integer", "size", Integer.MIN_VALUE, Integer.MAX_VALUE));
    all.add(
        bad(Caller.OPERATOR, "POST", "/operator/v1/contact-changes/1/abort", "{}", "reason")
            .key("operator.invalid.reason", 300));
    all.add(
        bad(
                Caller.OPERATOR,
                "POST",
                "/operator/v1/contact-changes/1/abort",
                "{\"reason\":\"x\",\"colour\":1}",
                "colour")
            .key("api.error.body.unknownField", "colour", "reason"));
    all.add(
        bad(Caller.OPERATOR, "POST", "/operator/v1/contact-changes/1/abort", "{\"reason\":", null)
            .key("api.error.body.malformed"));
    all.add(
        bad(Caller.OPERATOR, "GET", "/operator/v1/audit?since=yesterday", null, "since")
            .key("operator.invalid.instant", "since"));
    all.add(
        bad(Caller.OPERATOR, "GET", "/operator/v1/mail/failed?size=0", null, "size")
            .key("operator.invalid.size", 500));
    all.add(
        bad(
                Caller.OPERATOR,
                "PUT",
                "/operator/v1/accounts/aa123456-ovh/debt",
                "{\"currency\":\"EUR\"}",
                "amountCents")
            .key("operator.invalid.amountCents"));
    all.add(
        bad(
                Caller.OPERATOR,
                "PUT",
                "/operator/v1/accounts/aa123456-ovh/debt",
                "{\"amountCents\":99999999999999999999999}",
                "amountCents")
            .key("api.error.value.integer", "amountCents", Long.MIN_VALUE, Long.MAX_VALUE));
    all.add(
        bad(
                Caller.OPERATOR,
                "PUT",
                "/operator/v1/accounts/aa123456-ovh/debt",
                "{\"amountCents\":\"lots\"}",
                "amountCents")
            .key("api.error.value.integer", "amountCents", Long.MIN_VALUE, Long.MAX_VALUE));
    all.add(
        bad(
                Caller.OPERATOR,
                "POST",
                "/operator/v1/services",
                "{\"type\":\"spaceship\",\"name\":\"x\",\"admin\":\"aa123456-ovh\"}",
                "type")
            .key("api.error.serviceType", "spaceship", types));
    all.add(
        bad(
                Caller.OPERATOR,
                "POST",
                "/operator/v1/accounts",
                "{\"email\":\"a@b.example\",\"firstName\":\"A\",\"lastName\":\"B\","
                    + "\"language\":\"xx\"}",
                "language")
            .key("operator.invalid.language", "xx", Language.tags()));
    all.add(
        bad(
                Caller.OPERATOR,
                "POST",
                "/operator/v1/webhooks",
                "{\"url\":\"ftp://x\",\"secret\":\"0123456789abcdef\","
                    + "\"events\":[\"contactChange.done\"]}",
                "url")
            .key("operator.invalid.url"));
    all.add(
        new Case(
            Caller.BARE,
            "GET",
            "/operator/v1/audit",
            null,
            null,
            401,
            "Client::Unauthorized",
            "UNAUTHORIZED",
            "Bearer",
            "api.error.operatorToken"));
    // /createToken answered as JSON
    all.add(
        new Case(
            Caller.BARE,
            "POST",
            "/createToken",
            "application/x-www-form-urlencoded",
            "nic=zz999999-ovh&password=nope&applicationName=x&GET=/*",
            403,
            "Client::Forbidden",
            "FORBIDDEN",
            null,
            "api.error.createToken.wrong"));
    String signsIn = "nic=" + customer.value() + "&password=" + Fixtures.PASSWORD.replace(" ", "+");
    for (String validity : List.of("999999999999", "-1", "ten", "1e99")) {
      all.add(
          createToken(signsIn + "&applicationName=x&GET=/*&validity=" + validity, "validity")
              .key("api.error.validity", 315_360_000L));
    }
    all.add(createToken(signsIn + "&applicationName=x", "GET").key("api.error.createToken.noRule"));
    return all;
  }

  /** A form posted to {@code /createToken} asking for JSON. */
  private static Bad createToken(String form, String field) {
    return new Bad(Caller.FORM, "POST", "/createToken", form, field);
  }

  /** A 400 with the reference's class; {@link Bad#key} says the message. */
  private static Bad bad(Caller caller, String method, String path, String body, String field) {
    return new Bad(caller, method, path, body, field);
  }

  private record Bad(Caller caller, String method, String path, String body, String field) {
    Case key(String key, Object... args) {
      return new Case(
          caller,
          method,
          path,
          body == null
              ? null
              : caller == Caller.FORM ? "application/x-www-form-urlencoded" : "application/json",
          body,
          400,
          "Client::BadRequest",
          "BAD_REQUEST",
          field,
          key,
          args);
    }
  }

  @Test
  void everyRefusalIsInTheCallersLanguageWithTheSameClassAndCode() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Case c : cases()) {
      for (Locale language : LANGUAGES) {
        HttpResponse<String> answer = call(c, language);
        String seen = c.method() + " " + c.path() + " [" + language + "]: " + answer.statusCode();
        JsonNode body;
        try {
          body = JSON.readTree(answer.body());
        } catch (RuntimeException notJson) {
          wrong.add(seen + " not JSON: " + answer.body());
          continue;
        }
        String expected = Messages.format(language, c.key(), c.args());
        String english = Messages.format(Locale.ENGLISH, c.key(), c.args());
        String message = body.path("message").asString();
        if (answer.statusCode() != c.status()
            || !c.errorClass().equals(body.path("class").asString())
            || !c.errorCode().equals(body.path("errorCode").asString())
            || !message.equals(expected)
            || expected.startsWith(c.key())
            || (!language.equals(Locale.ENGLISH) && expected.equals(english))
            || (c.field() != null && !message.contains(c.field()))) {
          wrong.add(seen + " " + answer.body() + "\n   wanted " + c.status() + " " + expected);
        }
      }
    }
    assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
  }

  private HttpResponse<String> call(Case c, Locale language) throws IOException {
    String url = "http://localhost:" + port + c.path();
    String body = c.body() == null ? "" : c.body();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Accept-Language", language.toLanguageTag())
            .header("Accept", "application/json")
            .method(
                c.method(),
                c.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (c.contentType() != null) {
      b.header("Content-Type", c.contentType());
    }
    switch (c.caller()) {
      case SIGNED -> {
        long ts = clock.instant().getEpochSecond();
        b.header("X-Ovh-Application", credential.appKey())
            .header("X-Ovh-Consumer", credential.consumerKey())
            .header("X-Ovh-Timestamp", String.valueOf(ts))
            .header("X-Ovh-Signature", SignedRequests.sign(credential, c.method(), url, body, ts));
      }
      case APPLICATION -> b.header("X-Ovh-Application", credential.appKey());
      case OPERATOR -> b.header("Authorization", "Bearer " + OPERATOR);
      case BARE, FORM -> {}
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
