package org.handover.change.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;
import static org.handover.support.SignedRequests.signed;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiKeys;
import org.handover.catalog.HostedService;
import org.handover.change.ChangeSet;
import org.handover.change.ChangeState;
import org.handover.contact.Contacts;
import org.handover.support.ChangeUseCases;
import org.handover.support.IntegrationTest;
import org.handover.support.SignedRequests;
import org.handover.support.SignedRequests.Credential;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The customer API: signatures, access rules, every endpoint, errors, hostile input. */
class ApiTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired ApiKeys keys;
  @Autowired ChangeUseCases changes;

  Credential credential(Nic nic, List<AccessRule> rules) {
    return SignedRequests.credential(keys, nic, rules);
  }

  Credential credential(Nic nic) {
    return credential(nic, List.of(AccessRule.of("GET", "/*"), AccessRule.of("POST", "/*")));
  }

  static String sign(Credential c, String method, String url, String body, long ts) {
    return SignedRequests.sign(c, method, url, body, ts);
  }

  ResultActions call(Credential c, String method, String path, String body) throws Exception {
    return mvc.perform(signed(c, method, path, body, clock.instant().getEpochSecond()));
  }

  ResultActions call(
      Credential c, String method, String path, String body, long ts, String signature)
      throws Exception {
    return mvc.perform(signed(c, method, path, body, ts, signature));
  }

  // ---- auth -------------------------------------------------------------------------------

  @Test
  void timeIsABareNumberWithoutAuthentication() throws Exception {
    mvc.perform(request(HttpMethod.GET, "/1.0/auth/time"))
        .andExpect(status().isOk())
        .andExpect(content().string(String.valueOf(clock.instant().getEpochSecond())))
        .andExpect(header().string("X-Ovh-QueryID", startsWith("HO-")));
  }

  @Test
  void aCredentialRequestNeedsAKnownApplicationAndValidRules() throws Exception {
    Nic nic = fixtures.account();
    ApiKeys.NewApplication app = keys.createApplication(as(nic), "tests", "");
    mvc.perform(
            request(HttpMethod.POST, "/1.0/auth/credential")
                .header("X-Ovh-Application", app.application().key())
                .contentType("application/json")
                .content("{\"accessRules\":[{\"method\":\"GET\",\"path\":\"/me\"}]}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("pendingValidation"))
        .andExpect(
            jsonPath("$.validationUrl")
                .value(containsString("/account/api/credentials/validate?token=")));
    mvc.perform(
            request(HttpMethod.POST, "/1.0/auth/credential")
                .header("X-Ovh-Application", "nope")
                .contentType("application/json")
                .content("{\"accessRules\":[{\"method\":\"GET\",\"path\":\"/me\"}]}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.class").value("Client::Forbidden"));
    mvc.perform(
            request(HttpMethod.POST, "/1.0/auth/credential")
                .header("X-Ovh-Application", app.application().key())
                .contentType("application/json")
                .content("{\"accessRules\":[{\"method\":\"PATCH\",\"path\":\"me\"}]}"))
        .andExpect(status().isBadRequest());
  }

  @Test
  void signedCallsIdentifyTheCustomer() throws Exception {
    Nic nic = fixtures.account();
    Credential c = credential(nic);
    call(c, "GET", "/1.0/me", null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.nichandle").value(nic.value()))
        .andExpect(header().exists("X-Ovh-QueryID"));
    call(c, "GET", "/v1/me", null).andExpect(jsonPath("$.nichandle").value(nic.value()));
    call(c, "GET", "/1.0/me/debtAccount", null).andExpect(jsonPath("$.active").value(false));
  }

  @Test
  void theHttpsUrlWithoutPortIsAcceptedToo() throws Exception {
    Credential c = credential(fixtures.account());
    long ts = clock.instant().getEpochSecond();
    call(c, "GET", "/1.0/me", null, ts, sign(c, "GET", "https://localhost/1.0/me", "", ts))
        .andExpect(status().isOk());
  }

  @Test
  void badSignaturesAndKeysAreRefusedWithTheRightClass() throws Exception {
    Nic nic = fixtures.account();
    Credential c = credential(nic);
    long ts = clock.instant().getEpochSecond();

    call(c, "GET", "/1.0/me", null, ts, "$1$0000")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value("Invalid signature"));
    Credential unknownApp = new Credential(nic, "unknown", c.secret(), c.consumerKey());
    call(unknownApp, "GET", "/1.0/me", null)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.message").value("Invalid application key"));
    Credential unknownKey = new Credential(nic, c.appKey(), c.secret(), "unknown-consumer-key");
    call(unknownKey, "GET", "/1.0/me", null)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.class").value("Client::Forbidden"));
    ApiKeys.Requested pending =
        keys.requestCredential(c.appKey(), List.of(AccessRule.of("GET", "/*")), null);
    call(new Credential(nic, c.appKey(), c.secret(), pending.consumerKey()), "GET", "/1.0/me", null)
        .andExpect(status().isForbidden());
    long old = ts - 181;
    call(c, "GET", "/1.0/me", null, old, sign(c, "GET", "http://localhost/1.0/me", "", old))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value(containsString("Query out of time")));
    String body = "{\"contactTech\":\"" + nic + "\"}";
    String signedForOtherPath =
        sign(c, "POST", "http://localhost/1.0/domain/a.example/changeContact", body, ts);
    call(c, "POST", "/1.0/domain/b.example/changeContact", body, ts, signedForOtherPath)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value("Invalid signature"));
  }

  /** The codes official clients pick their exception from (python-ovh, go-ovh), per refusal. */
  @Test
  void everyRefusalCarriesTheReferenceErrorCodeAndHttpCode() throws Exception {
    Nic nic = fixtures.account();
    Credential c = credential(nic, List.of(AccessRule.of("GET", "/me")));
    long ts = clock.instant().getEpochSecond();

    expectCode(call(c, "GET", "/1.0/me", null, ts, "$1$0000"), 400, "INVALID_SIGNATURE")
        .andExpect(jsonPath("$.httpCode").value("400 Bad Request"))
        .andExpect(jsonPath("$.class").value("Client::BadRequest"));
    expectCode(
        call(new Credential(nic, "unknown", c.secret(), c.consumerKey()), "GET", "/1.0/me", null),
        403,
        "INVALID_KEY");
    expectCode(
        call(new Credential(nic, c.appKey(), c.secret(), "unknown"), "GET", "/1.0/me", null),
        403,
        "INVALID_CREDENTIAL");
    expectCode(call(c, "GET", "/1.0/me/debtAccount", null), 403, "NOT_GRANTED_CALL")
        .andExpect(jsonPath("$.httpCode").value("403 Forbidden"));
    long old = ts - 181;
    expectCode(
        call(c, "GET", "/1.0/me", null, old, sign(c, "GET", "http://localhost/1.0/me", "", old)),
        400,
        "QUERY_TIME_OUT");
    expectCode(
        mvc.perform(request(HttpMethod.GET, "/1.0/me").header("X-Ovh-Application", c.appKey())),
        403,
        "NOT_CREDENTIAL");
    expectCode(
        mvc.perform(
            request(HttpMethod.POST, "/1.0/auth/credential")
                .header("X-Ovh-Application", "nope")
                .contentType("application/json")
                .content("{\"accessRules\":[{\"method\":\"GET\",\"path\":\"/me\"}]}")),
        403,
        "INVALID_KEY");
    Credential all = credential(nic);
    expectCode(
            call(all, "GET", "/1.0/domain/nothing-here.example/serviceInfos", null),
            404,
            "NOT_FOUND")
        .andExpect(jsonPath("$.class").value("Client::NotFound"))
        .andExpect(header().exists("X-Ovh-QueryID"));
  }

  private static ResultActions expectCode(ResultActions result, int status, String code)
      throws Exception {
    return result
        .andExpect(status().is(status))
        .andExpect(jsonPath("$.errorCode").value(code))
        .andExpect(jsonPath("$.message").isNotEmpty());
  }

  @Test
  void allowedIpsAreAcceptedAndHonoured() throws Exception {
    Nic nic = fixtures.account();
    ApiKeys.NewApplication app = keys.createApplication(as(nic), "tests", "");
    String key = app.application().key();
    String rules = "\"accessRules\":[{\"method\":\"GET\",\"path\":\"/*\"}]";
    // python-ovh's request_consumerkey() always sends redirection and allowedIPs, null by default
    mvc.perform(credentialRequest(key, "{" + rules + ",\"redirection\":null,\"allowedIPs\":null}"))
        .andExpect(status().isOk());
    for (String bad : List.of("\"10.0.0.0/33\"", "\"example.com\"", "\"1.2.3.4/8 x\"", "5")) {
      mvc.perform(credentialRequest(key, "{" + rules + ",\"allowedIPs\":[" + bad + "]}"))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.errorCode").value("BAD_REQUEST"));
    }

    String answer =
        mvc.perform(
                credentialRequest(
                    key, "{" + rules + ",\"allowedIPs\":[\"192.0.2.0/24\",\"2001:db8::/32\"]}"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String consumerKey = answer.replaceAll(".*\"consumerKey\":\"([^\"]+)\".*", "$1");
    String token = answer.replaceAll(".*token=([A-Za-z0-9]+)\".*", "$1");
    keys.validate(as(nic), token, Duration.ZERO);
    Credential c = new Credential(nic, key, app.secret(), consumerKey);

    for (String inside : List.of("192.0.2.77", "2001:db8::1")) {
      callFrom(inside, c).andExpect(status().isOk());
    }
    for (String outside : List.of("127.0.0.1", "192.0.3.1", "2001:db9::1")) {
      callFrom(outside, c)
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.errorCode").value("FORBIDDEN"))
          .andExpect(jsonPath("$.message").value(containsString("allowedIPs")));
    }
  }

  private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder
      credentialRequest(String appKey, String body) {
    return request(HttpMethod.POST, "/1.0/auth/credential")
        .header("X-Ovh-Application", appKey)
        .contentType("application/json")
        .content(body);
  }

  private ResultActions callFrom(String address, Credential c) throws Exception {
    long ts = clock.instant().getEpochSecond();
    return mvc.perform(
        request(HttpMethod.GET, "/1.0/me")
            .header("X-Ovh-Application", c.appKey())
            .header("X-Ovh-Consumer", c.consumerKey())
            .header("X-Ovh-Timestamp", String.valueOf(ts))
            .header("X-Ovh-Signature", sign(c, "GET", "http://localhost/1.0/me", "", ts))
            .with(
                r -> {
                  r.setRemoteAddr(address);
                  return r;
                }));
  }

  @Test
  void afterLogoutTheConsumerKeyNoLongerWorks() throws Exception {
    Credential c = credential(fixtures.account());
    call(c, "GET", "/1.0/auth/currentCredential", null)
        .andExpect(jsonPath("$.status").value("validated"));
    call(c, "POST", "/1.0/auth/logout", null).andExpect(content().string("null"));
    call(c, "GET", "/1.0/me", null).andExpect(status().isForbidden());
  }

  @Test
  void accessRulesAreEnforced() throws Exception {
    Credential readMeOnly = credential(fixtures.account(), List.of(AccessRule.of("GET", "/me")));
    call(readMeOnly, "GET", "/1.0/me", null).andExpect(status().isOk());
    call(readMeOnly, "GET", "/1.0/me/debtAccount", null)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.message").value(containsString("not been granted")));
  }

  // ---- the workflow ---------------------------------------------------------------------

  @Test
  void theWholeWorkflowOverTheApi() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    Credential ca = credential(a);
    Credential cx = credential(x);

    String ids =
        call(
                ca,
                "POST",
                "/1.0/domain/" + s.name() + "/changeContact",
                "{\"contactTech\":\"" + x + "\"}")
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    long id = Long.parseLong(ids.replaceAll("[\\[\\]]", ""));
    long set = changes.setOfTask(a, id);
    call(ca, "GET", "/1.0/me/task/contactChange", null).andExpect(content().string("[" + id + "]"));
    call(ca, "GET", "/1.0/me/task/contactChange?state=done", null)
        .andExpect(content().string("[]"));
    call(ca, "GET", "/1.0/me/task/contactChange/" + id, null)
        .andExpect(jsonPath("$.state").value("validatingByCustomers"))
        .andExpect(jsonPath("$.contactTypes[0]").value("contactTech"))
        .andExpect(jsonPath("$.serviceDomain").value(s.name()))
        .andExpect(
            jsonPath("$.dateRequest")
                .value(
                    org.hamcrest.Matchers.matchesPattern(
                        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00")))
        .andExpect(jsonPath("$.dateDone").doesNotExist())
        .andExpect(jsonPath("$.parties[1].account").value(x.value()));
    call(
            ca,
            "POST",
            "/1.0/me/task/contactChange/" + id + "/accept",
            "{\"token\":\"" + fixtures.codeFor(set, a) + "\"}")
        .andExpect(status().isOk())
        .andExpect(content().string("null"));
    call(cx, "POST", "/1.0/me/task/contactChange/" + id + "/accept", "{\"token\":\"WRONG\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value(containsString("not valid")))
        .andExpect(
            jsonPath("$.message")
                .value(containsString("Tries left before the token stops working: 4.")));
    call(
            cx,
            "POST",
            "/1.0/me/task/contactChange/" + id + "/accept",
            "{\"token\":\"" + fixtures.codeFor(set, x) + "\"}")
        .andExpect(content().string("null"));
    call(ca, "GET", "/1.0/domain/" + s.name() + "/serviceInfos", null)
        .andExpect(jsonPath("$.contactTech").value(x.value()))
        .andExpect(jsonPath("$.serviceId").value(s.id()));
    call(cx, "GET", "/1.0/domain", null).andExpect(content().string("[\"" + s.name() + "\"]"));
  }

  @Test
  void aBodyWithEveryFieldAsTheReferencePanelSendsItAndSiblingAcceptsWork() throws Exception {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.service(a, t, a);
    Credential ct = credential(t);
    Credential ca = credential(a);

    // the tech contact sends the unchanged admin and billing too: no change, never an error
    call(
            ct,
            "POST",
            "/1.0/domain/" + s.name() + "/changeContact",
            "{\"contactAdmin\":\""
                + a
                + "\",\"contactTech\":\""
                + x
                + "\",\"contactBilling\":\""
                + a
                + "\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1));
    call(
            ct,
            "POST",
            "/1.0/domain/" + s.name() + "/changeContact",
            "{\"contactAdmin\":\"" + a + "\",\"contactBilling\":\"" + a + "\"}")
        .andExpect(status().isOk())
        .andExpect(content().string("[]"));

    // the admin hands everything to x in one edit: two tasks (two current holders), one set
    HostedService s2 = fixtures.service(a, t, a);
    String ids =
        call(
                ca,
                "POST",
                "/1.0/domain/" + s2.name() + "/changeContact",
                "{\"contactAdmin\":\""
                    + x
                    + "\",\"contactTech\":\""
                    + x
                    + "\",\"contactBilling\":\""
                    + x
                    + "\"}")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.length()").value(2))
            .andReturn()
            .getResponse()
            .getContentAsString();
    List<Long> tasks =
        java.util.Arrays.stream(ids.replaceAll("[\\[\\]]", "").split(","))
            .map(Long::parseLong)
            .toList();
    long set = changes.setOfTask(a, tasks.get(0));
    assertThat(changes.setOfTask(a, tasks.get(1))).isEqualTo(set);
    Credential cx = credential(x);
    // a client that loops over the tasks accepts each with the same code: every call answers 200
    for (Nic party : List.of(a, x)) {
      String code = fixtures.codeFor(set, party);
      for (long task : tasks) {
        call(
                party.equals(a) ? ca : cx,
                "POST",
                "/1.0/me/task/contactChange/" + task + "/accept",
                "{\"token\":\"" + code + "\"}")
            .andExpect(status().isOk());
      }
    }
    for (long task : tasks) {
      call(ca, "GET", "/1.0/me/task/contactChange/" + task, null)
          .andExpect(jsonPath("$.state").value("done"))
          .andExpect(jsonPath("$.changeSetId").value(set));
    }
    assertThat(fixtures.contactsOf(s2)).isEqualTo(Contacts.allTo(x));
  }

  @Test
  void aChangeSetOverTheApiHandsManyServicesOverWithOneCodeEach() throws Exception {
    Nic r = fixtures.account();
    Nic agency = fixtures.account();
    List<HostedService> mine =
        List.of(fixtures.serviceOwnedBy(r), fixtures.serviceOwnedBy(r), fixtures.serviceOwnedBy(r));
    Credential cr = credential(r);
    Credential cagency = credential(agency);
    String services =
        String.join(
            ",",
            mine.stream()
                .map(x -> "{\"type\":\"domain\",\"name\":\"" + x.name().toUpperCase() + "\"}")
                .toList());

    String created =
        call(
                cr,
                "POST",
                "/1.0/me/contactChangeSet",
                "{\"services\":[" + services + "],\"contactTech\":\"" + agency + "\"}")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.taskIds.length()").value(3))
            .andReturn()
            .getResponse()
            .getContentAsString();
    long set = Long.parseLong(created.replaceAll(".*\"id\":(\\d+).*", "$1"));
    call(cagency, "GET", "/1.0/me/contactChangeSet/" + set, null)
        .andExpect(jsonPath("$.state").value("validatingByCustomers"))
        .andExpect(jsonPath("$.itemCount").value(3))
        .andExpect(jsonPath("$.parties.length()").value(2));
    call(credential(fixtures.account()), "GET", "/1.0/me/contactChangeSet/" + set, null)
        .andExpect(status().isNotFound());
    assertThat(fixtures.mails(set))
        .filteredOn(m -> agency.value().equals(m.recipientNic()))
        .hasSize(1);
    call(
            cr,
            "POST",
            "/1.0/me/task/contactChange/" + changes.get(r, set).items().get(2).taskId() + "/accept",
            "{\"token\":\"" + fixtures.codeFor(set, r) + "\"}")
        .andExpect(status().isOk());
    call(
            cagency,
            "POST",
            "/1.0/me/task/contactChange/" + changes.get(r, set).items().get(0).taskId() + "/accept",
            "{\"token\":\"" + fixtures.codeFor(set, agency) + "\"}")
        .andExpect(status().isOk());
    mine.forEach(x -> assertThat(fixtures.contactsOf(x).tech()).isEqualTo(agency));

    // bad bodies: 400, nothing created
    long before = changes.taskIdsInvolving(r, null, null, null).size();
    call(
            cr,
            "POST",
            "/1.0/me/contactChangeSet",
            "{\"services\":[],\"contactTech\":\"" + agency + "\"}")
        .andExpect(status().isBadRequest());
    call(
            cr,
            "POST",
            "/1.0/me/contactChangeSet",
            "{\"services\":[{\"type\":\"nope\",\"name\":\"x.com\"}],\"contactTech\":\""
                + agency
                + "\"}")
        .andExpect(status().isBadRequest());
    call(cr, "POST", "/1.0/me/contactChangeSet", "{\"services\":[" + services + "]}")
        .andExpect(status().isBadRequest());
    call(
            cr,
            "POST",
            "/1.0/me/contactChangeSet",
            "{\"services\":[" + services + "],\"contactTech\":\"" + agency + "\",\"x\":1}")
        .andExpect(status().isBadRequest());
    assertThat(changes.taskIdsInvolving(r, null, null, null)).hasSize((int) before);
  }

  @Test
  void resendAndCancelAnswerNull() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = changes.request(as(a), s.type(), s.name(), Map.of(tech, x)).orElseThrow();
    long task = c.items().get(0).taskId();
    String old = fixtures.codeFor(c.id(), x);
    clock.advance(Duration.ofMinutes(2));
    call(credential(x), "POST", "/1.0/me/task/contactChange/" + task + "/resendEmail", null)
        .andExpect(content().string("null"));
    call(
            credential(x),
            "POST",
            "/1.0/me/task/contactChange/" + task + "/accept",
            "{\"token\":\"" + old + "\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value(containsString("replaced by a newer one")));
    call(credential(a), "POST", "/1.0/me/task/contactChange/" + task + "/cancel", null)
        .andExpect(content().string("null"));
    assertThat(changes.get(a, c.id()).state()).isEqualTo(ChangeState.aborted);
  }

  @Test
  void otherCustomersIdsAreNotFoundAndNothingChanges() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = changes.request(as(a), s.type(), s.name(), Map.of(tech, x)).orElseThrow();
    long task = c.items().get(0).taskId();
    Credential stranger = credential(fixtures.account());
    String code = fixtures.codeFor(c.id(), x);

    call(stranger, "GET", "/1.0/me/task/contactChange/" + task, null)
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.class").value("Client::NotFound"));
    for (String action : List.of("accept", "refuse")) {
      call(
              stranger,
              "POST",
              "/1.0/me/task/contactChange/" + task + "/" + action,
              "{\"token\":\"" + code + "\"}")
          .andExpect(status().isNotFound());
    }
    for (String action : List.of("resendEmail", "cancel")) {
      call(stranger, "POST", "/1.0/me/task/contactChange/" + task + "/" + action, null)
          .andExpect(status().isNotFound());
    }
    call(stranger, "GET", "/1.0/domain/" + s.name() + "/serviceInfos", null)
        .andExpect(status().isNotFound());
    call(
            stranger,
            "POST",
            "/1.0/domain/" + s.name() + "/changeContact",
            "{\"contactTech\":\"" + x + "\"}")
        .andExpect(status().isNotFound());
    assertThat(changes.get(a, c.id()).pendingParties()).containsExactly(a, x);
    assertThat(fixtures.contactsOf(s)).isEqualTo(Contacts.allTo(a));
  }

  @Test
  void hostileInputIsABadRequestAndChangesNothing() throws Exception {
    Nic a = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    Credential c = credential(a);
    String path = "/1.0/domain/" + s.name() + "/changeContact";

    call(c, "POST", path, "{\"contactTech\":")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.class").value("Client::BadRequest"));
    call(c, "POST", path, "{\"contactTech\":5}").andExpect(status().isBadRequest());
    call(c, "POST", path, "{\"contactOwner\":\"" + a + "\"}")
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.message").value(containsString("contactOwner: not a field of this call")));
    call(c, "POST", path, "{\"contactTech\":\"x' or 1=1 --\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value(containsString("not a valid customer ID")));
    call(c, "POST", path, "{\"contactTech\":\"<script>alert(1)</script>\"}")
        .andExpect(status().isBadRequest());
    call(c, "POST", path, "{\"contactTech\":\"" + "a".repeat(70_000) + "\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value(containsString("larger than")));
    call(c, "POST", "/1.0/me/task/contactChange/1/accept", "{\"token\":\"x\",\"extra\":1}")
        .andExpect(status().isBadRequest());
    assertThat(changes.taskIdsInvolving(a, null, null, null)).isEmpty();
  }

  @Test
  void forbiddenChangesSayWhichRuleRefusedThem() throws Exception {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    HostedService s = fixtures.service(a, t, a);
    call(
            credential(t),
            "POST",
            "/1.0/domain/" + s.name() + "/changeContact",
            "{\"contactAdmin\":\"" + t + "\"}")
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.message").value(containsString("Only the administrator")));
  }
}
