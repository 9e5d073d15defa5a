package org.handover.owner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiKeys;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.contact.Contacts;
import org.handover.owner.OwnerChanges;
import org.handover.owner.OwnerFixtures;
import org.handover.support.IntegrationTest;
import org.handover.support.SignedRequests;
import org.handover.support.SignedRequests.Credential;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code /domain/{serviceName}/owner} in the customer API (GET, PUT, the open change, cancel) and
 * the operator API's owner routes: who may read, who may change, bad input, unknown domains.
 */
class OwnerApiTest extends IntegrationTest {

  private static final String OPERATOR_TOKEN = "test-operator-token";

  @Autowired MockMvc mvc;
  @Autowired ApiKeys keys;
  @Autowired HostedServices services;
  @Autowired OwnerChanges owners;

  private Nic admin;
  private Nic tech;
  private HostedService domain;
  private String path;

  /** A validated credential: its keys. */
  @BeforeEach
  void domainWithAnOwner() {
    admin = fixtures.account();
    tech = fixtures.account();
    domain = OwnerFixtures.domain(services, new Contacts(admin, tech, admin));
    path = "/1.0/domain/" + domain.name() + "/owner";
  }

  private ResultActions call(Nic nic, String method, String url, String body) throws Exception {
    Credential c =
        SignedRequests.credential(
            keys,
            nic,
            List.of(
                AccessRule.of("GET", "/*"),
                AccessRule.of("PUT", "/*"),
                AccessRule.of("POST", "/*")));
    return mvc.perform(
        SignedRequests.signed(c, method, url, body, clock.instant().getEpochSecond()));
  }

  private static String owner(String name, String email, String address) {
    return "{\"name\":\""
        + name
        + "\",\"email\":\""
        + email
        + "\",\"address\":\""
        + address
        + "\"}";
  }

  @Test
  void contactsReadTheOwnerAndStrangersGetNotFound() throws Exception {
    call(tech, "GET", path, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.domain").value(domain.name()))
        .andExpect(jsonPath("$.name").value("Old Owner"))
        .andExpect(jsonPath("$.transferLockedUntil").value(nullValue()))
        .andExpect(jsonPath("$.openChange").value(nullValue()));
    call(fixtures.account(), "GET", path, null)
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.class").value("Client::NotFound"));
    call(admin, "GET", "/1.0/domain/no-such-domain.example/owner", null)
        .andExpect(status().isNotFound());
    call(admin, "GET", path + "/change", null).andExpect(status().isNotFound());
  }

  @Test
  void theAdminRequestsAChangeAndContactsSeeIt() throws Exception {
    String newEmail = OwnerFixtures.newEmail();
    call(admin, "PUT", path, owner("New Owner", newEmail, "2 New Street"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.result").value("changeRequested"))
        .andExpect(jsonPath("$.owner.name").value("Old Owner"))
        .andExpect(jsonPath("$.change.state").value("open"))
        .andExpect(jsonPath("$.change.to.email").value(newEmail))
        .andExpect(jsonPath("$.change.parties.length()").value(2))
        .andExpect(jsonPath("$.change.parties[1].registrant").value("new"))
        .andExpect(jsonPath("$.change.parties[1].status").value("pending"));
    long id = owners.openChange(admin, domain.name()).id();
    call(tech, "GET", path + "/change", null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(id))
        .andExpect(content().string(org.hamcrest.Matchers.not(containsString("code"))));
    call(tech, "GET", path, null).andExpect(jsonPath("$.openChange.id").value(id));

    call(admin, "PUT", path, owner("Other Owner", OwnerFixtures.newEmail(), "3 Road"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.class").value("Client::Conflict"))
        .andExpect(jsonPath("$.message").value(containsString(String.valueOf(id))));

    call(tech, "POST", path + "/change/cancel", null).andExpect(status().isForbidden());
    call(admin, "POST", path + "/change/cancel", null)
        .andExpect(status().isOk())
        .andExpect(content().string("null"));
    call(admin, "GET", path + "/change", null).andExpect(status().isNotFound());
  }

  @Test
  void aCorrectionAppliesAtOnce() throws Exception {
    String email = services.ownerOf(domain.id()).orElseThrow().email();
    call(
            admin,
            "PUT",
            path,
            "{\"name\":\"Old Owner\",\"organisation\":\"Old Ltd\",\"email\":\""
                + email
                + "\",\"address\":\"4 Fixed Road\",\"phone\":\"+33 1 00 00 00 00\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.result").value("corrected"))
        .andExpect(jsonPath("$.owner.address").value("4 Fixed Road"))
        .andExpect(jsonPath("$.owner.phone").value("+33 1 00 00 00 00"))
        .andExpect(jsonPath("$.change").value(nullValue()));
  }

  @Test
  void aContactWhoIsNotTheAdminIsForbidden() throws Exception {
    call(tech, "PUT", path, owner("Tech Owner", "t@example.org", "Somewhere"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.class").value("Client::Forbidden"));
    assertThat(owners.view(admin, domain.name()).openChange()).isEmpty();
  }

  @Test
  void badInputIsA400AndChangesNothing() throws Exception {
    for (String body :
        List.of(
            owner("", "x@example.org", "1 Road"),
            owner("Name", "not-an-email", "1 Road"),
            owner("Name", "x@example.org", ""),
            "{\"name\":\"Name\",\"email\":\"x@example.org\",\"address\":\"1\",\"phone\":\"abc\"}",
            "{\"name\":\"Name\",\"email\":\"x@example.org\",\"address\":\"1\",\"extra\":1}",
            "not json")) {
      call(admin, "PUT", path, body)
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.class").value("Client::BadRequest"));
    }
    assertThat(owners.view(admin, domain.name()).openChange()).isEmpty();
    assertThat(services.ownerOf(domain.id()).orElseThrow().name()).isEqualTo("Old Owner");
  }

  @Test
  void theOpenApiDocumentMarksTheOwnerRoutesAsHandoversOwn() throws Exception {
    mvc.perform(request(HttpMethod.GET, "/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.paths['/1.0/domain/{serviceName}/owner'].get.tags[0]")
                .value("Handover extension: domain owner"))
        .andExpect(
            jsonPath("$.paths['/1.0/domain/{serviceName}/owner'].put.summary")
                .value(containsString("Handover extension")))
        .andExpect(jsonPath("$.paths['/1.0/domain/{serviceName}/owner/change'].get").exists())
        .andExpect(
            jsonPath("$.paths['/1.0/domain/{serviceName}/owner/change/cancel'].post").exists());
  }

  // ---- operator API -------------------------------------------------------------------------

  private ResultActions operator(String method, String url, String body) throws Exception {
    var builder =
        request(HttpMethod.valueOf(method), url)
            .header("Authorization", "Bearer " + OPERATOR_TOKEN)
            .contentType("application/json");
    if (body != null) {
      builder.content(body);
    }
    return mvc.perform(builder);
  }

  @Test
  void operatorsReadTheOwnerAndAbortTheOpenChange() throws Exception {
    String operatorPath = "/operator/v1/services/domain/" + domain.name() + "/owner";
    operator("GET", operatorPath, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("Old Owner"))
        .andExpect(jsonPath("$.openChange").value(nullValue()));
    operator("POST", operatorPath + "/change/abort", "{\"reason\":\"court order\"}")
        .andExpect(status().isNotFound());

    call(admin, "PUT", path, owner("New Owner", OwnerFixtures.newEmail(), "2 New Street"))
        .andExpect(status().isOk());
    long id = owners.openChange(admin, domain.name()).id();
    operator("GET", operatorPath, null).andExpect(jsonPath("$.openChange.id").value(id));
    operator("POST", operatorPath + "/change/abort", "{\"reason\":\"\"}")
        .andExpect(status().isBadRequest());
    operator("POST", operatorPath + "/change/abort", "{\"reason\":\"court order\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("cancelled"))
        .andExpect(jsonPath("$.reason").value("court order"));
    operator("GET", "/operator/v1/services/domain/no-such.example/owner", null)
        .andExpect(status().isNotFound());
    mvc.perform(request(HttpMethod.GET, operatorPath)).andExpect(status().isUnauthorized());
  }
}
