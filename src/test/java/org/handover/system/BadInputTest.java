package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.handover.apiauth.ApiKeys;
import org.handover.catalog.HostedService;
import org.handover.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every text field of every form and endpoint, posted with hostile values. Values no field may hold
 * (10,000 characters, NUL, CR/LF in one-line fields, a wrong JSON type, and anything that is not an
 * address or identifier in strict fields) answer 400 (forms: the form again with the error, or a
 * redirect with it) and change nothing; text that is merely unusual in free-text fields (a
 * homoglyph, HTML, SQL metacharacters: real names and organisations contain apostrophes and
 * Cyrillic letters) is stored verbatim and escaped on output. Never a 500.
 */
class BadInputTest extends IntegrationTest {

  static final String LONG = "x".repeat(10_000);
  static final String NUL = "Al\u0000ice";
  static final String CRLF = "Alice\r\nBcc: evil@example.net";
  static final String HOMOGLYPH = "\u0410lice"; // Cyrillic capital A
  static final String HTML = "<script>alert(1)</script>";
  static final String SQL = "x'); drop table accounts; --";

  /** Free text: only length and characters are refused. */
  static final List<Object> NEVER_IN_TEXT = List.of(LONG, NUL, CRLF, 42, List.of("a"));

  /** What a form field (always text) may not hold. */
  static final List<Object> NEVER_IN_FORM_TEXT = List.of(LONG, NUL, CRLF);

  static final List<Object> NEVER_IN_FORM_LONG_TEXT = List.of(LONG, NUL);

  /** Multi-line free text: line breaks are fine. */
  static final List<Object> NEVER_IN_LONG_TEXT = List.of(LONG, NUL, 42, Map.of("a", 1));

  /** Strict fields (addresses, identifiers, URLs): every hostile value is refused. */
  static final List<Object> NEVER_IN_STRICT =
      List.of(LONG, NUL, CRLF, HOMOGLYPH, HTML, SQL, 42, List.of("a"));

  static final List<Object> NEVER_IN_FORM_STRICT = List.of(LONG, NUL, CRLF, HOMOGLYPH, HTML, SQL);

  static final List<Object> HARMLESS_TEXT = List.of(HOMOGLYPH, HTML, SQL);

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired ApiKeys keys;

  private final JsonMapper json = JsonMapper.builder().build();
  private final AtomicInteger addresses = new AtomicInteger();
  private final List<String> failures = new ArrayList<>();

  /** Everything a hostile value could have changed. */
  private String snapshot() {
    StringBuilder all = new StringBuilder();
    for (String query :
        List.of(
            "select nic, email, first_name, last_name, organisation, language from accounts"
                + " order by nic",
            "select type, name, display_name from services order by id",
            "select service_id, name, organisation, email, address from domain_owners"
                + " order by service_id",
            "select id, name, description from api_applications order by id",
            "select id, url from webhooks order by id",
            "select id, state from change_sets order by id",
            "select id, redirection from api_credentials order by id")) {
      jdbc.sql(query)
          .query(
              rs -> {
                int columns = rs.getMetaData().getColumnCount();
                for (int i = 1; i <= columns; i++) {
                  all.append(rs.getString(i)).append('|');
                }
                all.append('\n');
              });
    }
    return all.toString();
  }

  private interface Request {
    RequestBuilder with(Object value);
  }

  /** Posts every value; refused ones must be 4xx (or the form again) and change nothing. */
  private void check(String where, Request request, List<Object> refused, List<Object> harmless)
      throws Exception {
    for (Object value : refused) {
      String before = snapshot();
      MockHttpServletResponse answer = mvc.perform(request.with(value)).andReturn().getResponse();
      String after = snapshot();
      int status = answer.getStatus();
      boolean rejected =
          status == 400 || status == 200 || status == 302 || status == 409 || status == 403;
      if (!rejected || status >= 500 || !before.equals(after)) {
        failures.add(
            where
                + " with "
                + describe(value)
                + ": "
                + status
                + " changed="
                + !before.equals(after)
                + " "
                + answer.getContentAsString().lines().limit(3).toList());
      }
      if (status == 200
          && answer.getContentType() != null
          && answer.getContentType().contains("json")) {
        failures.add(where + " with " + describe(value) + ": accepted (200 JSON)");
      }
    }
    for (Object value : harmless) {
      MockHttpServletResponse answer = mvc.perform(request.with(value)).andReturn().getResponse();
      if (answer.getStatus() >= 500) {
        failures.add(where + " with " + describe(value) + ": " + answer.getStatus());
      }
      if (answer.getContentType() != null && answer.getContentType().contains("html")) {
        assertThat(answer.getContentAsString()).as(where).doesNotContain("<script>alert(1)");
      }
    }
  }

  private static String describe(Object value) {
    String s = String.valueOf(value);
    return s.length() > 30
        ? s.substring(0, 30) + "…(" + s.length() + ")"
        : s.replace("\u0000", "\\0").replace("\r\n", "\\r\\n");
  }

  private MockHttpServletRequestBuilder form(String path, Nic as, Map<String, String> fields) {
    MockHttpServletRequestBuilder b = post(path).with(csrf());
    if (as != null) {
      b = b.with(user(as.value()).roles("CUSTOMER"));
    }
    String address = "198.51.100." + (addresses.incrementAndGet() % 250 + 1);
    b =
        b.with(
            r -> {
              r.setRemoteAddr(address);
              return r;
            });
    for (var f : fields.entrySet()) {
      b = b.param(f.getKey(), f.getValue());
    }
    return b;
  }

  private static Map<String, String> with(Map<String, String> base, String field, Object value) {
    Map<String, String> fields = new LinkedHashMap<>(base);
    fields.put(field, String.valueOf(value));
    return fields;
  }

  private static Map<String, Object> withValue(
      Map<String, Object> base, String field, Object value) {
    Map<String, Object> fields = new LinkedHashMap<>(base);
    fields.put(field, value);
    return fields;
  }

  private MockHttpServletRequestBuilder operatorJson(
      MockHttpServletRequestBuilder b, Map<String, Object> base, String field, Object value) {
    Map<String, Object> body = new LinkedHashMap<>(base);
    body.put(field, value);
    return b.header("Authorization", "Bearer test-operator-token")
        .contentType("application/json")
        .content(json.writeValueAsString(body));
  }

  @Test
  void everyFieldOfEveryFormAndEndpointRefusesWhatItMayNotHold() throws Exception {
    Nic me = fixtures.accountThatSignsIn(org.handover.system.Language.en);
    HostedService domain = fixtures.serviceOwnedBy(me);

    // ---- panel forms
    Map<String, String> signup =
        Map.of(
            "email", "new-" + System.nanoTime() + "@example.net",
            "firstName", "Ada",
            "lastName", "Lovelace",
            "organisation", "Engines",
            "password", "a long enough password",
            "passwordAgain", "a long enough password",
            "language", "en");
    for (String field : List.of("firstName", "lastName", "organisation")) {
      check(
          "signup " + field,
          v ->
              form(
                  "/signup",
                  null,
                  with(with(signup, "email", "n" + System.nanoTime() + "@example.net"), field, v)),
          NEVER_IN_FORM_TEXT,
          HARMLESS_TEXT);
    }
    check(
        "signup email",
        v -> form("/signup", null, with(signup, "email", v)),
        NEVER_IN_FORM_STRICT,
        List.of());

    Map<String, String> profile =
        Map.of(
            "firstName",
            "Ada",
            "lastName",
            "Lovelace",
            "organisation",
            "Engines",
            "language",
            "en");
    for (String field : List.of("firstName", "lastName", "organisation")) {
      check(
          "profile " + field,
          v -> form("/account/profile", me, with(profile, field, v)),
          NEVER_IN_FORM_TEXT,
          HARMLESS_TEXT);
    }
    check(
        "profile email",
        v -> form("/account/profile/email", me, Map.of("email", String.valueOf(v))),
        NEVER_IN_FORM_STRICT,
        List.of());

    String ownerPath = "/account/contacts/services/domain/" + domain.name() + "/owner";
    Map<String, String> owner =
        Map.of(
            "ownerName",
            "Ada Lovelace",
            "organisation",
            "Engines",
            "email",
            "ada@example.net",
            "address",
            "1 Main Street\nLondon",
            "understood",
            "true");
    for (String field : List.of("ownerName", "organisation")) {
      check(
          "owner " + field,
          v -> form(ownerPath, me, with(owner, field, v)),
          NEVER_IN_FORM_TEXT,
          HARMLESS_TEXT);
    }
    check(
        "owner address",
        v -> form(ownerPath, me, with(owner, "address", v)),
        NEVER_IN_FORM_LONG_TEXT,
        HARMLESS_TEXT);
    check(
        "owner email",
        v -> form(ownerPath, me, with(owner, "email", v)),
        NEVER_IN_FORM_STRICT,
        List.of());

    Map<String, String> app = Map.of("name", "script", "description", "what it does");
    check(
        "application name",
        v -> form("/account/api/applications", me, with(app, "name", v)),
        NEVER_IN_FORM_TEXT,
        HARMLESS_TEXT);
    check(
        "application description",
        v -> form("/account/api/applications", me, with(app, "description", v)),
        NEVER_IN_FORM_LONG_TEXT,
        HARMLESS_TEXT);

    // ---- customer API (unsigned parts; signed calls are covered by ApiTest)
    String appKey = keys.createApplication(Fixtures.as(me), "bad-input", "").application().key();
    check(
        "credential redirection",
        v -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("accessRules", List.of(Map.of("method", "GET", "path", "/me")));
          body.put("redirection", v);
          return post("/1.0/auth/credential")
              .header("X-Ovh-Application", appKey)
              .contentType("application/json")
              .content(json.writeValueAsString(body));
        },
        NEVER_IN_STRICT,
        List.of());
    check(
        "credential rule path",
        v ->
            post("/1.0/auth/credential")
                .header("X-Ovh-Application", appKey)
                .contentType("application/json")
                .content(
                    json.writeValueAsString(
                        Map.of("accessRules", List.of(Map.of("method", "GET", "path", v))))),
        NEVER_IN_STRICT,
        List.of());

    // ---- operator API
    Map<String, Object> account =
        Map.of(
            "email",
            "op@example.net",
            "firstName",
            "Ada",
            "lastName",
            "Lovelace",
            "organisation",
            "Engines",
            "language",
            "en",
            "password",
            "a long enough password");
    for (String field : List.of("firstName", "lastName", "organisation")) {
      check(
          "operator new account " + field,
          v ->
              operatorJson(
                  post("/operator/v1/accounts"),
                  withValue(account, "email", "op" + System.nanoTime() + "@example.net"),
                  field,
                  v),
          NEVER_IN_TEXT,
          HARMLESS_TEXT);
      check(
          "operator amend " + field,
          v -> operatorJson(patch("/operator/v1/accounts/" + me.value()), Map.of(), field, v),
          NEVER_IN_TEXT,
          HARMLESS_TEXT);
    }
    for (String field : List.of("email", "nic", "language")) {
      check(
          "operator new account " + field,
          v -> operatorJson(post("/operator/v1/accounts"), account, field, v),
          NEVER_IN_STRICT,
          List.of());
    }
    check(
        "operator amend email",
        v -> operatorJson(patch("/operator/v1/accounts/" + me.value()), Map.of(), "email", v),
        NEVER_IN_STRICT,
        List.of());

    Map<String, Object> service =
        Map.of("type", "vps", "displayName", "My VPS", "admin", me.value());
    check(
        "operator service name",
        v -> operatorJson(post("/operator/v1/services"), service, "name", v),
        NEVER_IN_STRICT,
        List.of());
    check(
        "operator service displayName",
        v ->
            operatorJson(
                post("/operator/v1/services"),
                withValue(service, "name", "vps-" + System.nanoTime() + ".example.net"),
                "displayName",
                v),
        NEVER_IN_TEXT,
        HARMLESS_TEXT);
    for (String field : List.of("admin", "tech", "billing", "type", "expiration")) {
      check(
          "operator service " + field,
          v ->
              operatorJson(
                  post("/operator/v1/services"),
                  withValue(service, "name", "vps-" + System.nanoTime() + ".example.net"),
                  field,
                  v),
          NEVER_IN_STRICT,
          List.of());
    }
    check(
        "operator webhook url",
        v ->
            operatorJson(
                post("/operator/v1/webhooks"),
                Map.of(
                    "secret",
                    "a-long-enough-webhook-secret",
                    "events",
                    List.of("contactChange.done")),
                "url",
                v),
        NEVER_IN_STRICT,
        List.of());

    // ---- import
    for (String field : List.of("firstName", "lastName", "organisation")) {
      check(
          "import " + field,
          v ->
              multipart("/operator/v1/import")
                  .file(
                      new MockMultipartFile(
                          "accounts",
                          "a.csv",
                          "text/csv",
                          ("nic,email,firstName,lastName,organisation\nzz900001-ovh,imp@example.net,Ada,"
                                  + "Lovelace,Engines\n")
                              .replace(
                                  field.equals("firstName")
                                      ? ",Ada,"
                                      : field.equals("lastName") ? "Lovelace," : ",Engines\n",
                                  field.equals("firstName")
                                      ? "," + csv(v) + ","
                                      : field.equals("lastName")
                                          ? csv(v) + ","
                                          : "," + csv(v) + "\n")
                              .getBytes(StandardCharsets.UTF_8)))
                  .header("Authorization", "Bearer test-operator-token"),
          List.of(LONG, NUL, CRLF),
          List.of());
    }

    assertThat(failures).as("hostile values that were not refused cleanly").isEmpty();
  }

  private static String csv(Object v) {
    return "\"" + String.valueOf(v).replace("\"", "\"\"") + "\"";
  }

  // the fixtures' actor helper, by its short name
  private static final class Fixtures {
    static org.handover.system.Actor as(Nic nic) {
      return org.handover.support.Fixtures.as(nic);
    }
  }
}
