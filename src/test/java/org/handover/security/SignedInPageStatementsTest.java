package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.Locale;
import org.handover.account.Account;
import org.handover.account.AccountAdministration;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.support.StatementCounter;
import org.handover.system.Actor;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A signed-in page reads its session from memory: one short read of its row's presence and its
 * principal's counter, no read of its attributes; and it still ends at once on a suspension.
 */
@Import(StatementCounter.class)
class SignedInPageStatementsTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired StatementCounter statements;
  @Autowired AccountAdministration administration;

  private Cookie signIn(Nic nic) throws Exception {
    var response =
        mvc.perform(
                post("/login")
                    .with(
                        r -> {
                          r.setRemoteAddr("10.31.1." + (1 + (System.nanoTime() % 250)));
                          return r;
                        })
                    .param("login", nic.value())
                    .param("password", Fixtures.PASSWORD)
                    .with(csrf()))
            .andExpect(redirectedUrl("/account/contacts/services"))
            .andReturn()
            .getResponse();
    return response.getCookie("SESSION");
  }

  @Test
  void aSignedInPageReadsOneCounterAndNotTheSessionRows() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    fixtures.service(nic, nic, nic);
    Cookie session = signIn(nic);
    // the first page after signing in writes the session's new CSRF token (the other instances
    // then read the session once more); from the next page on, nothing is written
    mvc.perform(get("/account/contacts/services").cookie(session)).andExpect(status().isOk());
    mvc.perform(get("/account/contacts/services").cookie(session)).andExpect(status().isOk());

    statements.reset();
    mvc.perform(get("/account/contacts/services").cookie(session)).andExpect(status().isOk());
    List<String> page = statements.statements();

    System.out.printf("Signed-in My services page: %d statements%n", page.size());
    // one statement for the session: its row's presence and its principal's counter, by index;
    // neither its attribute rows nor its security context are read
    assertThat(page)
        .as("statements of the page:%n%s", page)
        .noneMatch(sql -> sql.toLowerCase(Locale.ROOT).contains("spring_session_attributes"))
        .filteredOn(sql -> sql.toLowerCase(Locale.ROOT).contains("spring_session"))
        .singleElement()
        .satisfies(sql -> assertThat(sql).contains("session_epochs"));
  }

  @Test
  void theNextPageAfterASuspensionIsRefused() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    Cookie session = signIn(nic);
    mvc.perform(get("/account/profile").cookie(session)).andExpect(status().isOk());
    mvc.perform(get("/account/profile").cookie(session)).andExpect(status().isOk()); // from memory

    administration.setState(nic, Account.State.suspended, Actor.system());

    mvc.perform(get("/account/profile").cookie(session)).andExpect(redirectedUrl("/login"));
  }
}
