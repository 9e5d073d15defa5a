package org.handover.staff.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;

import org.handover.catalog.HostedService;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/** The console's new-case form: an over-long field is refused with its name and limit. */
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
}
