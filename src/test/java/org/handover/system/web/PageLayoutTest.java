package org.handover.system.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.handover.account.PanelCustomer;
import org.handover.security.SignIns;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.support.StatementCounter;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The layout's model (provider, who is signed in, their name, their awaiting count, the page's
 * address) goes to pages only: a REST call or a redirect asks none of its parts, so the awaiting
 * count's statement runs for a page a customer sees and for nothing else.
 */
@Import(StatementCounter.class)
class PageLayoutTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired StatementCounter statements;

  private Cookie signIn(Nic nic) throws Exception {
    return mvc.perform(
            post("/login")
                .with(
                    r -> {
                      r.setRemoteAddr("10.31.2." + (1 + (System.nanoTime() % 250)));
                      return r;
                    })
                .param("login", nic.value())
                .param("password", Fixtures.PASSWORD)
                .with(csrf()))
        .andExpect(redirectedUrl("/account/contacts/services"))
        .andReturn()
        .getResponse()
        .getCookie("SESSION");
  }

  private static List<String> awaitingCounts(List<String> sql) {
    return sql.stream()
        .filter(s -> s.toLowerCase(Locale.ROOT).contains("from set_parties"))
        .toList();
  }

  @Test
  void aPageGetsEveryPartOfItsLayoutAndCountsTheAwaitingWorkOnce() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    Cookie session = signIn(nic);
    mvc.perform(get("/account/profile").cookie(session)).andExpect(status().isOk());

    statements.reset();
    Map<String, Object> model =
        mvc.perform(get("/account/contacts/services?q=x&lang=it").cookie(session))
            .andExpect(status().isOk())
            .andReturn()
            .getModelAndView()
            .getModel();

    assertThat(awaitingCounts(statements.statements())).hasSize(1);
    assertThat(model)
        .containsEntry("signedIn", nic.value())
        .containsEntry("awaitingCount", 0)
        .containsEntry("currentPath", "/account/contacts/services?q=x")
        .containsKeys("providerName", "demoMode", "dates");
    assertThat(model.get("customerName")).isNotNull();
  }

  @Test
  void aRedirectAsksNoPartOfTheLayout() throws Exception {
    Cookie session = signIn(fixtures.accountThatSignsIn(Language.en));
    mvc.perform(get("/account/profile").cookie(session)).andExpect(status().isOk());

    statements.reset();
    mvc.perform(get("/").cookie(session)).andExpect(redirectedUrl("/account/contacts/services"));

    assertThat(awaitingCounts(statements.statements()))
        .as("statements of a redirect:%n%s", statements.statements())
        .isEmpty();
  }

  @Test
  void aRestCallByASignedInCustomerAsksNoPartOfTheLayout() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    PanelCustomer customer =
        new PanelCustomer() {
          @Override
          public Nic nic() {
            return nic;
          }

          @Override
          public String displayName() {
            return "A customer";
          }
        };
    var signedIn =
        new UsernamePasswordAuthenticationToken(
            customer, null, AuthorityUtils.createAuthorityList("ROLE_CUSTOMER"));

    statements.reset();
    var result =
        mvc.perform(get("/1.0/auth/time").with(authentication(signedIn)))
            .andExpect(status().isOk())
            .andReturn();

    assertThat(result.getModelAndView()).isNull();
    assertThat(statements.statements()).as("a REST call's statements").isEmpty();
  }

  @Test
  void theLayoutKnowsAPendingSignInByTheRoleSignInsGivesIt() {
    assertThat("ROLE_" + PageModel.PENDING_SECOND_FACTOR).isEqualTo(SignIns.PENDING);
  }
}
