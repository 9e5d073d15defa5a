package org.handover.change.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;
import static org.handover.support.Fixtures.wanted;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.handover.account.Accounts;
import org.handover.catalog.DomainOwner;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeSet;
import org.handover.change.ChangeState;
import org.handover.contact.Contacts;
import org.handover.mail.MailKind;
import org.handover.mail.MailTemplates;
import org.handover.mail.Outbox;
import org.handover.support.ChangeUseCases;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The panel's pages and actions: who may see and change what, CSRF, throttling, languages. */
class ControlPanelTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired ChangeUseCases changes;
  @Autowired HostedServices services;
  @Autowired Accounts accounts;
  @Autowired Outbox outbox;
  @Autowired MailTemplates mailTemplates;

  private static RequestPostProcessor signedIn(Nic nic) {
    return user(nic.value()).roles("CUSTOMER");
  }

  private static String editPath(HostedService s) {
    return "/account/contacts/services/" + s.type() + "/" + s.name() + "/edit";
  }

  // ---- nobody reaches another customer's data ---------------------------------------------

  @Test
  void theStylesheetAndTheApiBrowserAreServed() throws Exception {
    mvc.perform(get("/css/handover.css"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("text/css"));
    mvc.perform(get("/api-docs.html")).andExpect(status().is3xxRedirection());
    mvc.perform(get("/swagger-ui/index.html"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("swagger-ui")));
  }

  @Test
  void anotherCustomersServiceIsNotFoundAndNothingChanges() throws Exception {
    Nic owner = fixtures.account();
    Nic stranger = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(owner);

    mvc.perform(get(editPath(s)).with(signedIn(stranger))).andExpect(status().isNotFound());
    mvc.perform(
            post(editPath(s)).param("tech", stranger.value()).with(signedIn(stranger)).with(csrf()))
        .andExpect(status().isNotFound());
    mvc.perform(
            post(editPath(s) + "/confirm")
                .param("tech", stranger.value())
                .with(signedIn(stranger))
                .with(csrf()))
        .andExpect(status().isNotFound());
    mvc.perform(
            get("/account/contacts/services/domain/" + s.name() + "/owner")
                .with(signedIn(stranger)))
        .andExpect(status().isNotFound());
    mvc.perform(
            post("/account/contacts/services/domain/" + s.name() + "/owner")
                .param("ownerName", "Mallory")
                .param("email", "m@example.org")
                .param("address", "Nowhere")
                .param("understood", "true")
                .with(signedIn(stranger))
                .with(csrf()))
        .andExpect(status().isNotFound());
    mvc.perform(get("/account/contacts/services").with(signedIn(stranger)))
        .andExpect(content().string(not(containsString(s.name()))));

    assertThat(fixtures.contactsOf(s)).isEqualTo(Contacts.allTo(owner));
    assertThat(changes.taskIdsInvolving(owner, null, null, null)).isEmpty();
  }

  @Test
  void anotherCustomersRequestIsNotFoundForEveryAction() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    Nic stranger = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = changes.request(as(a), s.type(), s.name(), wanted(tech, x)).orElseThrow();
    String code = fixtures.codeFor(c.id(), x);

    mvc.perform(
            get("/account/contacts/requests")
                .param("taskId", String.valueOf(c.id()))
                .with(signedIn(stranger)))
        .andExpect(status().isNotFound());
    for (String action : new String[] {"accept", "refuse", "resend", "cancel"}) {
      mvc.perform(
              post("/account/contacts/requests/" + c.id() + "/" + action)
                  .param("token", code)
                  .with(signedIn(stranger))
                  .with(csrf()))
          .andExpect(status().isNotFound());
    }
    assertThat(changes.get(a, c.id()).state()).isEqualTo(ChangeState.validatingByCustomers);
    assertThat(changes.get(a, c.id()).pendingParties()).containsExactly(a, x);
  }

  @Test
  void onlyTheAdministratorEditsTheOwner() throws Exception {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    HostedService s = fixtures.service(a, t, a);
    String path = "/account/contacts/services/domain/" + s.name() + "/owner";

    mvc.perform(get(path).with(signedIn(t)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("disabled")));
    mvc.perform(
            post(path)
                .param("ownerName", "Tech Person")
                .param("email", "t@example.org")
                .param("address", "Somewhere")
                .param("understood", "true")
                .with(signedIn(t))
                .with(csrf()))
        .andExpect(status().is3xxRedirection())
        .andExpect(flash().attribute("alert", containsString("Only the administrator")));
    assertThat(services.owner(a, ServiceType.domain, s.name())).isEmpty();

    mvc.perform(
            post(path)
                .param("ownerName", "Ada Admin")
                .param("email", "ada@example.org")
                .param("address", "1 Main Street")
                .param("understood", "true")
                .with(signedIn(a))
                .with(csrf()))
        .andExpect(flash().attributeExists("notice"));
    assertThat(services.owner(a, ServiceType.domain, s.name()))
        .get()
        .extracting(DomainOwner::name)
        .isEqualTo("Ada Admin");
  }

  @Test
  void formsWithoutTheCsrfTokenAreRejected() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);

    mvc.perform(post(editPath(s) + "/confirm").param("tech", x.value()).with(signedIn(a)))
        .andExpect(status().isForbidden());
    assertThat(changes.taskIdsInvolving(a, null, null, null)).isEmpty();
  }

  @Test
  void pagesNeedSignIn() throws Exception {
    mvc.perform(get("/account/contacts/services"))
        .andExpect(status().is3xxRedirection())
        .andExpect(redirectedUrl("/login"));
    mvc.perform(get("/account/contacts/requests")).andExpect(status().is3xxRedirection());
  }

  // ---- sign-in, sign-up, password reset ---------------------------------------------------

  @Test
  void signInWorksWithCustomerIdOrEmailAndIsThrottledAfterRepeatedFailures() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String email = fixtures.email(nic);

    mvc.perform(
            SecurityMockMvcRequestBuilders.formLogin()
                .userParameter("login")
                .user(email.toUpperCase())
                .password(Fixtures.PASSWORD))
        .andExpect(redirectedUrl("/account/contacts/services"));

    for (int i = 0; i < 5; i++) {
      mvc.perform(
              SecurityMockMvcRequestBuilders.formLogin()
                  .userParameter("login")
                  .user(nic.value())
                  .password("wrong password " + i))
          .andExpect(redirectedUrl("/login?error"));
    }
    mvc.perform(
            SecurityMockMvcRequestBuilders.formLogin()
                .userParameter("login")
                .user(nic.value())
                .password(Fixtures.PASSWORD))
        .andExpect(redirectedUrl("/login?throttled"));
  }

  @Test
  void signUpReportsEveryProblemAtOnceAndCreatesNothing() throws Exception {
    long before = fixtures.sql("select count(*) from accounts");
    String page =
        mvc.perform(
                post("/signup")
                    .param("email", "not-an-address")
                    .param("firstName", " ")
                    .param("lastName", "")
                    .param("language", "it")
                    .param("password", "short")
                    .param("passwordAgain", "different")
                    .with(csrf()))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("5 campi richiedono la tua attenzione")
        .contains("id=\"error-email\"")
        .contains("id=\"error-firstName\"")
        .contains("id=\"error-lastName\"")
        .contains("id=\"error-password\"")
        .contains("id=\"error-passwordAgain\"")
        .contains("value=\"not-an-address\"");
    assertThat(fixtures.sql("select count(*) from accounts")).isEqualTo(before);
  }

  @Test
  void afterSignUpTheCustomerIsWelcomedInTheirLanguageAndSignsInWithTheNewAccount()
      throws Exception {
    String email = "benvenuto-" + System.nanoTime() + "@example.org";
    var result =
        mvc.perform(
                post("/signup")
                    .param("email", email)
                    .param("firstName", "Nora")
                    .param("lastName", "Nuova")
                    .param("language", "it")
                    .param("password", "long enough password")
                    .param("passwordAgain", "long enough password")
                    .with(csrf()))
            .andExpect(status().isOk())
            .andReturn();
    // not signed in by the sign-up itself: the answer must not tell a known address from a new one
    assertThat(result.getResponse().getContentAsString())
        .contains("lang=\"it\"")
        .contains("Ti diamo il benvenuto")
        .contains("id=\"signup-check\"");

    Nic nic = accounts.findForSignIn(email).orElseThrow().nic();
    mvc.perform(
            SecurityMockMvcRequestBuilders.formLogin()
                .userParameter("login")
                .user(email)
                .password("long enough password"))
        .andExpect(redirectedUrl("/account/contacts/services"));
    mvc.perform(get("/account/profile").with(signedIn(nic)).locale(java.util.Locale.ITALIAN))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(nic.value())))
        .andExpect(content().string(containsString("Il tuo account")));
  }

  @Test
  void aNewCustomerCanBeNamedAsAContactOnlyOnceTheEmailedLinkConfirmedTheAddress()
      throws Exception {
    String email = "confirm-" + System.nanoTime() + "@example.org";
    mvc.perform(
            post("/signup")
                .param("email", email)
                .param("firstName", "Cora")
                .param("lastName", "Confirm")
                .param("language", "en")
                .param("password", "long enough password")
                .param("passwordAgain", "long enough password")
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("open it to confirm your address")));
    Nic newcomer = accounts.findForSignIn(email).orElseThrow().nic();
    Nic a = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);

    assertThatThrownBy(() -> changes.preview(as(a), s.type(), s.name(), wanted(tech, newcomer)))
        .isInstanceOf(org.handover.contact.PolicyViolation.class)
        .hasMessageContaining("has not confirmed its email address");

    String code = fixtures.codeSentTo(email, MailKind.EMAIL_CONFIRM);
    mvc.perform(get("/signup/confirm").param("nic", newcomer.value()).param("token", code))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"confirm-email\"")));
    assertThat(accounts.require(newcomer).emailVerified()).as("a GET changes nothing").isFalse();
    mvc.perform(
            post("/signup/confirm")
                .param("nic", newcomer.value())
                .param("token", "WRONG-CODE-0000")
                .with(csrf()))
        .andExpect(status().isBadRequest());
    // confirmed, the answer is a page of its own (reloading it sends no spent code again)
    jakarta.servlet.http.Cookie session =
        mvc.perform(
                post("/signup/confirm")
                    .param("nic", newcomer.value())
                    .param("token", code)
                    .with(csrf()))
            .andExpect(redirectedUrl("/signup/confirm?done"))
            .andReturn()
            .getResponse()
            .getCookie("SESSION");
    mvc.perform(get("/signup/confirm?done").cookie(session))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"email-confirmed\"")));
    mvc.perform(get("/signup/confirm?done").cookie(session)).andExpect(redirectedUrl("/login"));
    assertThat(accounts.require(newcomer).emailVerified()).isTrue();
    assertThat(changes.preview(as(a), s.type(), s.name(), wanted(tech, newcomer))).hasSize(1);
    mvc.perform(
            post("/signup/confirm")
                .param("nic", newcomer.value())
                .param("token", code)
                .with(csrf()))
        .andExpect(status().isBadRequest());
  }

  @Test
  void signUpEmailsTheNewCustomerId() throws Exception {
    String email = "newcomer-" + System.nanoTime() + "@example.org";
    mvc.perform(
            post("/signup")
                .param("email", email)
                .param("firstName", "Nora")
                .param("lastName", "Newcomer")
                .param("language", "fr")
                .param("password", "long enough password")
                .param("passwordAgain", "long enough password")
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString(email)));

    var mail = fixtures.awaitMail(email, MailKind.ACCOUNT_CREATED);
    Nic nic = accounts.findForSignIn(email).orElseThrow().nic();
    assertThat(mail.recipientNic()).isEqualTo(nic.value());
    assertThat(mail.language()).isEqualTo("fr");
    assertThat(mailTemplates.render(mail).text())
        .as("the welcome email greets the person by name")
        .contains("Bonjour Nora Newcomer,");
  }

  @Test
  void passwordResetByEmailedCodeWorksOnce() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String email = fixtures.email(nic);

    mvc.perform(post("/password-reset").param("login", nic.value()).with(csrf()))
        .andExpect(status().isOk());
    String code = fixtures.codeSentTo(email, MailKind.PASSWORD_RESET);

    mvc.perform(
            post("/password-reset/confirm")
                .param("login", nic.value())
                .param("token", code)
                .param("password", "a brand new password")
                .param("passwordAgain", "a brand new password")
                .with(csrf()))
        .andExpect(redirectedUrl("/login?reset"));
    mvc.perform(
            post("/password-reset/confirm")
                .param("login", nic.value())
                .param("token", code)
                .param("password", "another new password")
                .param("passwordAgain", "another new password")
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("This code is not valid")));
    mvc.perform(
            SecurityMockMvcRequestBuilders.formLogin()
                .userParameter("login")
                .user(nic.value())
                .password("a brand new password"))
        .andExpect(redirectedUrl("/account/contacts/services"));
  }

  @Test
  void aResetWhosePasswordsDifferSaysSoBesideTheFieldAndKeepsTheCode() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String html =
        mvc.perform(
                post("/password-reset/confirm")
                    .param("login", nic.value())
                    .param("token", "ABCD-EFGH-IJKL")
                    .param("password", "a brand new password")
                    .param("passwordAgain", "a brand new passw0rd")
                    .with(csrf()))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(html)
        .contains("aria-invalid=\"true\" aria-describedby=\"error-passwordAgain\"")
        .contains("id=\"error-passwordAgain\"")
        .contains("value=\"ABCD-EFGH-IJKL\"")
        .doesNotContain("class=\"banner bad\"");
  }

  @Test
  void resetRequestsForUnknownLoginsLookTheSame() throws Exception {
    long before = outbox.lastId();
    mvc.perform(post("/password-reset").param("login", "nobody@example.org").with(csrf()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("If an account matches")));
    assertThat(outbox.lastId()).isEqualTo(before);
  }

  // ---- profile --------------------------------------------------------------------------

  @Test
  void emailChangeNeedsTheCodeSentToTheNewAddress() throws Exception {
    Nic nic = fixtures.account();
    String old = fixtures.email(nic);
    String fresh = "moved-" + System.nanoTime() + "@example.org";

    mvc.perform(
            post("/account/profile/email").param("email", fresh).with(signedIn(nic)).with(csrf()))
        .andExpect(flash().attributeExists("notice"));
    String code = fixtures.codeSentTo(fresh, MailKind.EMAIL_CHANGE_CODE);
    assertThat(outbox.newest(0, 5))
        .anySatisfy(
            m -> {
              assertThat(m.kind()).isEqualTo(MailKind.EMAIL_CHANGE_NOTICE);
              assertThat(m.recipientEmail()).isEqualTo(old);
            });
    mvc.perform(
            post("/account/profile/email/confirm")
                .param("code", "WRONG")
                .with(signedIn(nic))
                .with(csrf()))
        .andExpect(flash().attributeExists("alert"));
    assertThat(fixtures.email(nic)).isEqualTo(old);

    mvc.perform(
            post("/account/profile/email/confirm")
                .param("code", code)
                .with(signedIn(nic))
                .with(csrf()))
        .andExpect(flash().attributeExists("notice"));
    assertThat(fixtures.email(nic)).isEqualTo(fresh);
  }

  @Test
  void profileChangesNamesAndLanguage() throws Exception {
    Nic nic = fixtures.account();
    mvc.perform(
            post("/account/profile")
                .param("firstName", "Giulia")
                .param("lastName", "Bianchi")
                .param("language", "it")
                .with(signedIn(nic))
                .with(csrf()))
        .andExpect(flash().attribute("notice", "Il tuo profilo è stato salvato."));
    assertThat(accounts.require(nic).language()).isEqualTo(Language.it);
    assertThat(accounts.require(nic).firstName()).isEqualTo("Giulia");
  }

  // ---- edit contacts and my requests ------------------------------------------------------

  @Test
  void editingShowsWhatWillHappenThenCreatesTheRequests() throws Exception {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.service(a, t, a);

    // post/redirect/get: the review has an address of its own, so reload and Back work
    jakarta.servlet.http.Cookie session =
        mvc.perform(post(editPath(s)).param("tech", x.value()).with(signedIn(a)).with(csrf()))
            .andExpect(redirectedUrl(editPath(s) + "/review"))
            .andReturn()
            .getResponse()
            .getCookie("SESSION");
    mvc.perform(get(editPath(s) + "/review").cookie(session).with(signedIn(a)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Technical contact: from " + t + " to " + x)))
        .andExpect(content().string(containsString("Must confirm by email code: you and " + x)))
        .andExpect(content().string(containsString(t + " will be informed")));
    // Back returns to the form as it was typed; without a review, the review opens the form
    mvc.perform(get(editPath(s)).cookie(session).with(signedIn(a)))
        .andExpect(content().string(containsString("value=\"" + x + "\"")));
    mvc.perform(get(editPath(s) + "/review").with(signedIn(a)))
        .andExpect(redirectedUrl(editPath(s)));
    assertThat(changes.taskIdsInvolving(a, null, null, null)).isEmpty();

    mvc.perform(
            post(editPath(s) + "/confirm").param("tech", x.value()).with(signedIn(a)).with(csrf()))
        .andExpect(redirectedUrlPattern("/account/contacts/requests/*"))
        .andExpect(flash().attribute("notice", containsString("will receive an email")));
    assertThat(changes.taskIdsInvolving(a, null, null, null)).hasSize(1);
  }

  @Test
  void anOverLongValueIsRefusedByTheFieldsNameAndLimitAndEveryInputCarriesTheLimit()
      throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    String longId = "aa12345678-" + "x".repeat(30);

    mvc.perform(get(editPath(s)).with(signedIn(a)))
        .andExpect(content().string(containsString("maxlength=\"27\"")));
    mvc.perform(
            post(editPath(s))
                .param("tech", longId)
                .header("Accept-Language", "fr")
                .with(signedIn(a))
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(
            content().string(containsString("Contact technique\u202f: 27 caractères au maximum.")))
        .andExpect(content().string(containsString("value=\"" + longId + "\"")));

    ChangeSet c = changes.request(as(a), s.type(), s.name(), wanted(tech, x)).orElseThrow();
    String path = "/account/contacts/requests/" + c.id();
    mvc.perform(get(path).with(signedIn(x)))
        .andExpect(content().string(containsString("maxlength=\"100\"")))
        .andExpect(content().string(containsString("maxlength=\"300\"")));
    mvc.perform(
            post(path + "/refuse")
                .param("token", fixtures.codeFor(c.id(), x))
                .param("reason", "r".repeat(301))
                .with(signedIn(x))
                .with(csrf()))
        .andExpect(flash().attribute("alert", "Refusal reason: at most 300 characters."));
    mvc.perform(
            post(path + "/accept").param("token", "A".repeat(101)).with(signedIn(x)).with(csrf()))
        .andExpect(
            flash().attribute("alert", "Token (confirmation code): at most 100 characters."));
    assertThat(changes.get(x, c.id()).state()).isEqualTo(ChangeState.validatingByCustomers);
  }

  @Test
  void fieldErrorsAreShownNextToTheFieldInTheUsersLanguage() throws Exception {
    Nic a = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);

    mvc.perform(
            post(editPath(s))
                .param("tech", "zz99999999-ovh")
                .param("lang", "fr")
                .with(signedIn(a))
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .string(containsString("Aucun compte n’a l’identifiant client zz99999999-ovh")));
    mvc.perform(post(editPath(s)).param("billing", "not-a-nic!").with(signedIn(a)).with(csrf()))
        .andExpect(content().string(containsString("is not a valid customer ID")));
  }

  @Test
  void aTechContactSeesOtherRolesReadOnlyWithTheReason() throws Exception {
    Nic a = fixtures.account();
    Nic t = fixtures.account();
    HostedService s = fixtures.service(a, t, a);

    mvc.perform(get(editPath(s)).with(signedIn(t)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("name=\"tech\"")))
        .andExpect(content().string(not(containsString("name=\"admin\""))))
        .andExpect(content().string(not(containsString("name=\"billing\""))))
        .andExpect(content().string(containsString("Only the administrator can change")))
        .andExpect(content().string(containsString("Now: " + t + " (you)")));
    // a clause of its own, whatever case the sentence around the ID needs ("da te", "von Ihnen")
    mvc.perform(get(editPath(s)).header("Accept-Language", "it").with(signedIn(t)))
        .andExpect(content().string(containsString("Ora: " + t + " (sei tu)")));
  }

  @Test
  void billingIsLockedWhenItsHolderIsInDebt() throws Exception {
    Nic a = fixtures.account();
    Nic owing = fixtures.accountInDebt();
    HostedService s = fixtures.service(a, a, owing);

    mvc.perform(get(editPath(s)).with(signedIn(a)))
        .andExpect(content().string(not(containsString("name=\"billing\""))))
        .andExpect(content().string(containsString("for a payment reason")))
        .andExpect(content().string(not(containsString("overdue"))));
  }

  @Test
  void theIndebtedHolderIsToldInTheSecondPersonAndGetsNoReviewButton() throws Exception {
    Nic a = fixtures.account();
    Nic owing = fixtures.accountInDebt();
    HostedService s = fixtures.service(a, a, owing);

    String page =
        mvc.perform(get(editPath(s)).with(signedIn(owing)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .contains("You have overdue payments")
        .doesNotContain(owing + " has")
        .contains("id=\"all-locked\"")
        .doesNotContain("id=\"review\"");
  }

  @Test
  void aPartialCustomerIdInAContactFilterIsAFieldErrorOnThePage() throws Exception {
    Nic a = fixtures.account();
    mvc.perform(get("/account/contacts/services?admin=aa1000").with(signedIn(a)))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("is not a valid customer ID")))
        .andExpect(content().string(containsString("class=\"top\"")))
        .andExpect(content().string(containsString("value=\"aa1000\"")));
  }

  @Test
  void theRequestFilterOffersOnlyStatesARequestCanBeFoundIn() throws Exception {
    Nic a = fixtures.account();
    mvc.perform(get("/account/contacts/requests").with(signedIn(a)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("value=\"validatingByCustomers\"")))
        .andExpect(content().string(not(containsString("value=\"todo\""))))
        .andExpect(content().string(containsString("You have no contact change requests yet")));
  }

  @Test
  void aNewCustomerReadsThatTheyHaveNoServicesYetOnce() throws Exception {
    Nic a = fixtures.account();
    String page =
        mvc.perform(get("/account/contacts/services").with(signedIn(a)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page).contains("You have no services yet").doesNotContain("No service matches");
  }

  @Test
  void aWrongTokenSaysHowManyTriesAreLeftThenThatTheTokenIsVoidAndHowToGetANewOne()
      throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = changes.request(as(a), s.type(), s.name(), wanted(tech, x)).orElseThrow();
    String path = "/account/contacts/requests/" + c.id();

    for (int left = 4; left >= 1; left--) {
      mvc.perform(
              post(path + "/accept")
                  .param("token", "WRONG-CODE-0000")
                  .header("Accept-Language", "it")
                  .with(signedIn(x))
                  .with(csrf()))
          .andExpect(
              flash()
                  .attribute(
                      "alert",
                      containsString(
                          "Tentativi rimasti prima che il token smetta di funzionare: "
                              + left
                              + ".")));
    }
    mvc.perform(
            post(path + "/refuse")
                .param("token", "WRONG-CODE-0000")
                .header("Accept-Language", "en")
                .with(signedIn(x))
                .with(csrf()))
        .andExpect(flash().attribute("alert", containsString("that was the last try")));
    mvc.perform(
            post(path + "/accept")
                .param("token", fixtures.codeFor(c.id(), x))
                .header("Accept-Language", "de")
                .with(signedIn(x))
                .with(csrf()))
        .andExpect(flash().attribute("alert", containsString("zu oft falsch eingegeben")))
        .andExpect(flash().attribute("alert", containsString("„Neuen Token per E-Mail senden“")));
  }

  @Test
  void theEmailLinkPrefillsTheCodeAndAGetChangesNothing() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    ChangeSet c = changes.request(as(a), s.type(), s.name(), wanted(tech, x)).orElseThrow();
    String code = fixtures.codeFor(c.id(), x);

    // as the email's link opens it: the query string itself (language links are built from it)
    mvc.perform(get("/account/contacts/requests/" + c.id() + "?token=" + code).with(signedIn(x)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("value=\"" + code + "\"")))
        .andExpect(content().string(containsString("/requests/" + c.id() + "?lang=")))
        // the code is in the form only, never copied into other links (language links)
        .andExpect(content().string(org.hamcrest.Matchers.not(containsString("token=" + code))))
        .andExpect(content().string(org.hamcrest.Matchers.not(containsString("token="))))
        .andExpect(header().string("Referrer-Policy", "same-origin"))
        .andExpect(content().string(containsString("your confirmation is needed")));
    assertThat(changes.get(x, c.id()).pendingParties()).containsExactly(a, x);

    mvc.perform(
            post("/account/contacts/requests/" + c.id() + "/accept")
                .param("token", code)
                .with(signedIn(x))
                .with(csrf()))
        .andExpect(flash().attribute("notice", containsString("waits for " + a)));
    mvc.perform(get("/account/contacts/requests").with(signedIn(a)))
        .andExpect(content().string(containsString("your confirmation is needed")));
  }

  @Test
  void theLanguageFollowsTheBrowserThenTheChoice() throws Exception {
    mvc.perform(get("/login").header("Accept-Language", "fr-FR,fr;q=0.9"))
        .andExpect(content().string(containsString("Se connecter")))
        .andExpect(content().string(containsString("lang=\"fr\"")));
    mvc.perform(get("/login").param("lang", "it"))
        .andExpect(content().string(containsString("Accedi")));
    mvc.perform(get("/login").header("Accept-Language", "de-AT,de;q=0.9"))
        .andExpect(content().string(containsString("Anmelden")))
        .andExpect(content().string(containsString("lang=\"de\"")));
    mvc.perform(get("/login").header("Accept-Language", "es-MX"))
        .andExpect(content().string(containsString("Iniciar sesión")))
        .andExpect(content().string(containsString("lang=\"es\"")));
    mvc.perform(get("/login").header("Accept-Language", "pt-BR,pt;q=0.9"))
        .andExpect(content().string(containsString("lang=\"en\"")));
  }
}
