package org.handover.staff.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import jakarta.servlet.http.Cookie;
import org.handover.catalog.HostedService;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The console's new-case form: an over-long field is refused with its name and limit, a field that
 * is missing or not one of the choices is named by its label, and after any refusal the form comes
 * back with everything the agent typed.
 */
class CaseFormLimitsTest extends IntegrationTest {

  @Autowired MockMvc mvc;

  @Test
  void overLongEvidenceIsRefusedByNameAndLimitAndOpensNoCase() throws Exception {
    Nic holder = fixtures.account();
    HostedService service = fixtures.service(holder, holder, holder);
    long before = fixtures.sql("select count(*) from reassignment_cases");

    mvc.perform(
            post("/operator/console/cases")
                .param("type", service.type().name())
                .param("names", service.name())
                .param("role", "tech")
                .param("newContact", fixtures.account().value())
                .param("evidence", "e".repeat(2001))
                .param("reason", "the technical contact left")
                .with(
                    user("alice")
                        .authorities(
                            new SimpleGrantedAuthority("STAFF_VIEWER"),
                            new SimpleGrantedAuthority("STAFF_AGENT")))
                .with(csrf()))
        .andExpect(
            flash()
                .attribute(
                    "alert",
                    "Evidence (ticket number, documents checked): at most 2000 characters."));
    assertThat(fixtures.sql("select count(*) from reassignment_cases")).isEqualTo(before);
  }

  private static MockHttpServletRequestBuilder asAgent(MockHttpServletRequestBuilder call) {
    return call.with(
            user("alice")
                .authorities(
                    new SimpleGrantedAuthority("STAFF_VIEWER"),
                    new SimpleGrantedAuthority("STAFF_AGENT")))
        .with(csrf());
  }

  @Test
  void aRefusedCaseComesBackWithEverythingTyped() throws Exception {
    Nic holder = fixtures.account();
    HostedService service = fixtures.service(holder, holder, holder);
    String unknown = "zz99999999-ovh";

    Cookie[] session =
        mvc.perform(
                asAgent(post("/operator/console/cases"))
                    .param("type", service.type().name())
                    .param("names", service.name())
                    .param("role", "billing")
                    .param("newContact", unknown)
                    .param("evidence", "Ticket 9 <checked> & signed")
                    .param("reason", "the billing contact left"))
            .andExpect(redirectedUrl("/operator/console/cases/new"))
            .andReturn()
            .getResponse()
            .getCookies();
    String form =
        mvc.perform(asAgent(get("/operator/console/cases/new")).cookie(session))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(form)
        .contains("value=\"" + service.name() + "\"")
        .containsPattern("<option value=\"billing\"[^>]*selected")
        .contains("value=\"" + unknown + "\"")
        .contains(">Ticket 9 &lt;checked&gt; &amp; signed</textarea>")
        .contains(">the billing contact left</textarea>");
  }

  @Test
  void aRoleNotOfTheListIsNamedByItsLabel() throws Exception {
    Nic holder = fixtures.account();
    HostedService service = fixtures.service(holder, holder, holder);

    mvc.perform(
            asAgent(post("/operator/console/cases"))
                .param("type", service.type().name())
                .param("names", service.name())
                .param("role", "owner")
                .param("newContact", fixtures.account().value())
                .param("evidence", "ticket 1")
                .param("reason", "left"))
        .andExpect(flash().attribute("alert", "Role: choose one from the list."));
    mvc.perform(
            asAgent(post("/operator/console/cases"))
                .header("Accept-Language", "de")
                .param("type", service.type().name())
                .param("names", service.name())
                .param("role", "tech")
                .param("newContact", fixtures.account().value())
                .param("evidence", "  ")
                .param("reason", "left"))
        .andExpect(
            flash()
                .attribute(
                    "alert",
                    "Nachweise (Ticketnummer, geprüfte Dokumente): bitte ausfüllen (höchstens 2000 Zeichen)."));
  }
}
