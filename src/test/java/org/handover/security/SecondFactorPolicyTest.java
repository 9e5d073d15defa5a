package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import org.handover.catalog.HostedService;
import org.handover.support.ChangeUseCases;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** {@code handover.security.second-factor=required-for-admins}: administrators must enrol first. */
@TestPropertySource(properties = "handover.security.second-factor=required-for-admins")
class SecondFactorPolicyTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired ChangeUseCases changes;

  @Test
  void anAdministratorWithoutASecondFactorIsSentToEnrolBeforeHandingAnythingOver()
      throws Exception {
    Nic admin = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(admin);

    mvc.perform(
            post("/account/contacts/services/domain/" + s.name() + "/edit/confirm")
                .param("tech", x.value())
                .with(user(admin.value()).roles("CUSTOMER"))
                .with(csrf()))
        .andExpect(redirectedUrl("/account/security?required"));
    assertThat(changes.taskIdsInvolving(admin, null, null, null)).isEmpty();
  }

  @Test
  void aCustomerWhoAdministersNothingIsNotAsked() throws Exception {
    Nic customer = fixtures.account();
    mvc.perform(
            post("/account/api/applications")
                .param("name", "tool")
                .with(user(customer.value()).roles("CUSTOMER"))
                .with(csrf()))
        .andExpect(result -> assertThat(result.getResponse().getStatus()).isEqualTo(200));
  }

  @Test
  void anAdministratorWithoutASecondFactorCanEnrolOne() throws Exception {
    Nic admin = fixtures.account();
    fixtures.serviceOwnedBy(admin);
    mvc.perform(
            post("/account/security/passkey/options")
                .with(user(admin.value()).roles("CUSTOMER"))
                .with(csrf()))
        .andExpect(result -> assertThat(result.getResponse().getStatus()).isEqualTo(200))
        .andExpect(result -> assertThat(result.getResponse().getContentType()).contains("json"));
    mvc.perform(
            post("/account/security/totp")
                .param("name", "phone")
                .param("code", "000000")
                .with(user(admin.value()).roles("CUSTOMER"))
                .with(csrf()))
        .andExpect(redirectedUrl("/account/security/totp")); // a wrong code, not "enrol first"
  }
}
