package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.handover.account.Accounts;
import org.handover.catalog.HostedService;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.reassignment.CaseFixtures;
import org.handover.reassignment.ReassignmentCase;
import org.handover.reassignment.Reassignments;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.handover.system.web.StepUp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Step-up: every panel action that hands something over is marked, and with a second factor
 * enrolled but not checked within the window, each one sends to the check and changes nothing.
 */
class StepUpTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired PasskeyRepository passkeys;
  @Autowired Accounts accounts;
  @Autowired PasswordEncoder passwords;
  @Autowired Outbox outbox;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void everyActionThatHandsSomethingOverNeedsAStepUp() {
    Set<String> marked = new TreeSet<>();
    mappings
        .getHandlerMethods()
        .forEach(
            (info, method) -> {
              if (method.hasMethodAnnotation(StepUp.class)) {
                info.getMethodsCondition()
                    .getMethods()
                    .forEach(m -> info.getPatternValues().forEach(p -> marked.add(m + " " + p)));
              }
            });
    assertThat(marked)
        .contains(
            // contacts and ownership
            "POST /account/contacts/services/{type}/{name}/edit/confirm",
            "POST /account/contacts/requests/{id}/accept",
            "POST /account/contacts/bulk/confirm",
            "POST /account/contacts/services/domain/{name}/owner",
            "POST /account/support/cases/{id}/confirm",
            // sign-in material
            "POST /account/profile/email",
            "POST /account/security/password",
            // API access
            "POST /account/api/applications",
            "POST /account/api/credentials/validate",
            // the second factors themselves
            "POST /account/security/totp",
            "POST /account/security/passkey/options",
            "POST /account/security/passkey",
            "POST /account/security/factors/{id}/rename",
            "POST /account/security/factors/{id}/remove",
            "POST /account/security/passkeys/{id}/rename",
            "POST /account/security/passkeys/{id}/remove",
            "POST /account/security/recovery-codes");
  }

  private void staleRefused(MockHttpServletRequestBuilder action, RequestPostProcessor stale)
      throws Exception {
    mvc.perform(action.with(stale).with(csrf()))
        .andExpect(redirectedUrlPattern("/account/security/confirm?continue=*"));
  }

  @Test
  void withAStaleCheckNothingIsHandedOver() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    FactorFixtures.passkeyOf(passkeys, nic, "key");
    HostedService domain = fixtures.serviceOwnedBy(nic);
    RequestPostProcessor stale =
        FactorFixtures.customer(nic, clock.instant().minus(Duration.ofMinutes(5).plusSeconds(1)));
    long before = outbox.lastId();

    staleRefused(
        post("/account/profile/email").param("email", "new-" + nic.value() + "@example.org"),
        stale);
    staleRefused(
        post("/account/security/password")
            .param("current", Fixtures.PASSWORD)
            .param("password", "another long password")
            .param("passwordAgain", "another long password"),
        stale);
    staleRefused(post("/account/api/applications").param("name", "cli"), stale);
    staleRefused(
        post("/account/contacts/services/domain/" + domain.name() + "/owner")
            .param("ownerName", "Someone Else")
            .param("email", "else@example.org")
            .param("address", "1 Elsewhere")
            .param("understood", "true"),
        stale);

    assertThat(outbox.after(before)).noneMatch(m -> m.kind() == MailKind.EMAIL_CHANGE_CODE);
    assertThat(passwords.matches(Fixtures.PASSWORD, accounts.passwordHash(nic).orElseThrow()))
        .isTrue();
    assertThat(
            fixtures.sql("select count(*) from api_applications where owner_nic = ?", nic.value()))
        .isZero();
    assertThat(
            fixtures.sql(
                "select count(*) from domain_owners o join services s on s.id = o.service_id"
                    + " where s.name = ? and o.name = 'Someone Else'",
                domain.name()))
        .isZero();

    // within the window the same action goes through
    RequestPostProcessor fresh = FactorFixtures.customer(nic, clock.instant());
    mvc.perform(post("/account/api/applications").param("name", "cli").with(fresh).with(csrf()))
        .andExpect(status().isOk());
    assertThat(
            fixtures.sql("select count(*) from api_applications where owner_nic = ?", nic.value()))
        .isOne();
  }

  @Test
  void theRecoveryCodeOrPasskeyCheckDoesNotOutliveTheWindow() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    FactorFixtures.passkeyOf(passkeys, nic, "key");
    RequestPostProcessor checked = FactorFixtures.customer(nic, clock.instant());
    clock.advance(Duration.ofMinutes(4));
    mvc.perform(post("/account/security/recovery-codes").with(checked).with(csrf()))
        .andExpect(redirectedUrl("/account/security"));
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    staleRefused(post("/account/security/recovery-codes"), checked);
  }

  @Test
  void takingOnARoleFromSupportAsksTheSameStepUp(@Autowired Reassignments cases) throws Exception {
    Nic admin = fixtures.account();
    Nic taker = fixtures.accountThatSignsIn(Language.en);
    FactorFixtures.passkeyOf(passkeys, taker, "key");
    HostedService s = fixtures.serviceOwnedBy(admin);
    ReassignmentCase c = CaseFixtures.techCase(cases, s, taker);
    String code = fixtures.codeSentTo(fixtures.email(taker), MailKind.CASE_CODE);
    RequestPostProcessor stale =
        FactorFixtures.customer(taker, clock.instant().minus(Duration.ofMinutes(6)));

    staleRefused(post("/account/support/cases/" + c.id() + "/confirm").param("token", code), stale);
    assertThat(cases.visibleTo(taker, c.id()).confirmedAt()).isNull();

    mvc.perform(
            post("/account/support/cases/" + c.id() + "/confirm")
                .param("token", code)
                .with(FactorFixtures.customer(taker, clock.instant()))
                .with(csrf()))
        .andExpect(redirectedUrl("/account/support/cases/" + c.id()));
    assertThat(cases.visibleTo(taker, c.id()).confirmedAt()).isNotNull();
  }
}
