package org.handover.access.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.support.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.handover.access.AccessCategory;
import org.handover.access.ActionCatalogue;
import org.handover.access.Policies;
import org.handover.access.Policy;
import org.handover.access.PolicyDraft;
import org.handover.catalog.HostedService;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The panel's access pages, who may see and do what: a stranger gets 404, a technical contact sees
 * the page but cannot share, the administrator shares and revokes, the grantee renounces, and the
 * review of an administrator hand-over names the policies it ends.
 */
class AccessPagesTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired Policies policies;
  @Autowired ActionCatalogue catalogue;
  @Autowired MessageSource messages;

  private Nic admin;
  private Nic tech;
  private Nic friend;
  private HostedService domain;
  private String page;

  @BeforeEach
  void aDomain() {
    admin = fixtures.account();
    tech = fixtures.account();
    friend = fixtures.account();
    domain = fixtures.service(admin, tech, admin);
    page = "/account/contacts/services/domain/" + domain.name() + "/access";
  }

  private static RequestPostProcessor signedIn(Nic nic) {
    return user(nic.value()).roles("CUSTOMER");
  }

  private String html(Nic nic, String path) throws Exception {
    return mvc.perform(get(path).with(signedIn(nic)))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  private void share(Nic as, String category) throws Exception {
    mvc.perform(
            post(page)
                .param("grantee", friend.value())
                .param("category", category)
                .param("duration", "P7D")
                .with(signedIn(as))
                .with(csrf()))
        .andExpect(status().is3xxRedirection());
  }

  @Test
  void anOverLongPolicyNameIsRefusedByNameAndLimitAndGrantsNothing() throws Exception {
    mvc.perform(
            post(page)
                .param("grantee", friend.value())
                .param("category", "OPERATE")
                .param("policyName", "p".repeat(101))
                .with(signedIn(admin))
                .with(csrf()))
        .andExpect(flash().attribute("alert", "Policy name: at most 100 characters."));
    assertThat(policies.grantedTo(friend)).isEmpty();
  }

  @Test
  void aRefusedShareComesBackWithEverythingTyped() throws Exception {
    var refused =
        mvc.perform(
                post(page)
                    .param("grantee", "zz99999999-ovh")
                    .param("category", "READ", "BILLING")
                    .param("duration", "P30D")
                    .param("policyName", "Agency read")
                    .with(signedIn(admin))
                    .with(csrf()))
            .andExpect(flash().attributeExists("alert"))
            .andReturn();
    String again =
        mvc.perform(get(page).cookie(refused.getResponse().getCookies()).with(signedIn(admin)))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(again)
        .containsPattern("id=\"grantee\"[^>]*value=\"zz99999999-ovh\"")
        .containsPattern("value=\"READ\"[^>]*checked")
        .containsPattern("value=\"BILLING\"[^>]*checked")
        .doesNotContainPattern("value=\"OPERATE\"[^>]*checked")
        .containsPattern("value=\"P30D\"[^>]*selected")
        .containsPattern("id=\"policyName\"[^>]*value=\"Agency read\"");
    assertThat(policies.grantedTo(friend)).isEmpty();

    // nothing ticked: the customer ID and the name typed stay too
    var noneChosen =
        mvc.perform(
                post(page)
                    .param("grantee", friend.value())
                    .param("policyName", "Typed name")
                    .with(signedIn(admin))
                    .with(csrf()))
            .andReturn();
    assertThat(
            mvc.perform(
                    get(page).cookie(noneChosen.getResponse().getCookies()).with(signedIn(admin)))
                .andReturn()
                .getResponse()
                .getContentAsString())
        .containsPattern("id=\"grantee\"[^>]*value=\"" + friend.value() + "\"")
        .containsPattern("id=\"policyName\"[^>]*value=\"Typed name\"");
  }

  @Test
  void aStrangerGetsNotFound() throws Exception {
    mvc.perform(get(page).with(signedIn(friend))).andExpect(status().isNotFound());
  }

  @Test
  void aTechnicalContactSeesTheRightsButCannotShare() throws Exception {
    String body = html(tech, page);
    assertThat(body).contains("id=\"implicit\"").doesNotContain("id=\"share\"");

    mvc.perform(
            post(page)
                .param("grantee", friend.value())
                .param("category", "OPERATE")
                .with(signedIn(tech))
                .with(csrf()))
        .andExpect(flash().attributeExists("alert"));
    assertThat(policies.grantedTo(friend)).isEmpty();
  }

  @Test
  void theAdministratorSharesTheGranteeRenouncesAndTheReviewOfAHandOverNamesThePolicy()
      throws Exception {
    share(admin, "OPERATE");
    Policy p = policies.grantedTo(friend).get(0);
    assertThat(p.allowed()).contains("domain:apiovh:zone/record/create");
    assertThat(p.expiresAt()).isEqualTo(clock.instant().plusSeconds(7 * 86_400));
    assertThat(html(tech, page)).contains(friend.value(), p.name());
    assertThat(html(friend, "/account/access/shared")).contains(domain.name(), admin.value());
    assertThat(html(friend, "/account/contacts/services?shared=1")).contains(domain.name());

    jakarta.servlet.http.Cookie session =
        mvc.perform(
                post("/account/contacts/services/domain/" + domain.name() + "/edit")
                    .param("admin", fixtures.account().value())
                    .with(signedIn(admin))
                    .with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getCookie("SESSION");
    String review =
        mvc.perform(
                get("/account/contacts/services/domain/" + domain.name() + "/edit/review")
                    .cookie(session)
                    .with(signedIn(admin)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(review).contains("id=\"ending-policies\"", p.name() + " (" + friend.value() + ")");

    mvc.perform(
            post("/account/access/shared/" + p.id() + "/renounce")
                .with(signedIn(friend))
                .with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertThat(policies.grantedTo(friend)).isEmpty();
  }

  @Test
  void anActionPatternReadsAsWhatItAllowsWithThePatternAsADetail() throws Exception {
    String pattern = "domain:apiovh:zone/*";
    policies.create(
        as(admin),
        new PolicyDraft(
            "zone",
            null,
            List.of("urn:v1:eu:identity:account:" + friend.value()),
            List.of("urn:v1:eu:resource:domain:" + domain.name()),
            List.of(pattern),
            List.of("domain:apiovh:zone/record/delete"),
            List.of(),
            null));
    List<AccessCategory> covered = catalogue.categoriesCovered(pattern);
    assertThat(covered).isNotEmpty();
    assertThat(html(tech, page)).contains("<code>domain:apiovh:zone/record/delete</code>");
    for (String path :
        List.of(page, "/account/access/shared", "/account/contacts/services?shared=1")) {
      String body = html(path.equals(page) ? tech : friend, path);
      assertThat(body).as(path).contains("<code>" + pattern + "</code>");
      assertThat(body)
          .as(path)
          .doesNotContainPattern(">\\s*" + Pattern.quote(pattern) + "\\s*</(span|td)>");
      for (AccessCategory c : covered) {
        assertThat(body)
            .as(path)
            .contains(messages.getMessage("access.allows." + c, null, Locale.ENGLISH));
      }
    }
  }

  /**
   * What a policy allows here is counted in words ("2 actions", never a bare "2"); its exceptions
   * say they are only what their exact rules name; the services shared with the reader say what the
   * reader may do, and the way to the policies behind them is not a second "Shared with me".
   */
  @Test
  void sharedAccessIsCountedInWordsAndNamedOnce() throws Exception {
    policies.create(
        as(admin),
        new PolicyDraft(
            "zone",
            null,
            List.of("urn:v1:eu:identity:account:" + friend.value()),
            List.of("urn:v1:eu:resource:domain:" + domain.name()),
            List.of("domain:apiovh:zone/*"),
            List.of("domain:apiovh:zone/record/delete"),
            List.of(),
            null));

    String access = html(admin, page);
    assertThat(access)
        .containsPattern(Pattern.quote(friend.value()) + ": \\d+ actions</li>")
        .doesNotContainPattern(Pattern.quote(friend.value()) + ": \\d+</li>")
        .contains("Except what these exact rules name");

    String list = html(friend, "/account/contacts/services?shared=1");
    assertThat(list)
        .contains(">What you may do</th>")
        .doesNotContain(">Actions</th>")
        .contains("id=\"shared-policies\" href=\"/account/access/shared\">See them by policy");
    assertThat(list.split(">Shared with me<", -1))
        .as("no second page called Shared with me beside this one")
        .hasSize(2); // the account menu's link only
    assertThat(html(friend, "/account/contacts/services"))
        .contains("id=\"filter-shared\"")
        .containsPattern("id=\"filter-shared\"[^>]*>Services shared with me</a>");
  }

  @Test
  void theAdministratorRevokesAndNobodyElseCan() throws Exception {
    share(admin, "READ");
    Policy p = policies.grantedTo(friend).get(0);

    mvc.perform(post(page + "/" + p.id() + "/revoke").with(signedIn(tech)).with(csrf()))
        .andExpect(status().isNotFound());
    mvc.perform(post(page + "/" + p.id() + "/revoke").with(signedIn(admin)).with(csrf()))
        .andExpect(status().is3xxRedirection());

    assertThat(policies.grantedTo(friend)).isEmpty();
  }
}
