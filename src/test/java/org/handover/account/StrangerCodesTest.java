package org.handover.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.time.Duration;
import org.handover.mail.MailKind;
import org.handover.support.Fixtures;
import org.handover.support.IntegrationTest;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Codes anyone may type (the sign-up confirmation link, a password reset): a stranger's wrong
 * tries, however many, leave the owner's code usable; they are held back by where they come from.
 */
class StrangerCodesTest extends IntegrationTest {

  private static final Actor STRANGER = Actor.visitor("203.0.113.66");
  private static final Actor OWNER = Actor.visitor("198.51.100.7");

  @Autowired Accounts accounts;
  @Autowired AccountOpening opening;
  @Autowired AddressConfirmation confirmation;
  @Autowired Credentials credentials;

  private String freshAddress() {
    return "new-" + System.nanoTime() + "@example.org";
  }

  @Test
  void aStrangersWrongCodesLeaveTheSignUpLinkUsable() {
    String email = freshAddress();
    opening.signUp(
        new NewAccount(null, email, "Nora", "New", null, Language.en, Fixtures.PASSWORD),
        Actor.visitor("198.51.100.7"));
    Nic nic = accounts.findForSignIn(email).orElseThrow().nic();
    String code = fixtures.codeSentTo(email, MailKind.EMAIL_CONFIRM);

    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> confirmation.confirmEmail(nic, "0000-0000-0000", STRANGER))
          .isInstanceOf(HandoverException.class);
    }

    assertThatCode(() -> confirmation.confirmEmail(nic, code, OWNER)).doesNotThrowAnyException();
  }

  @Test
  void aStrangersWrongCodesAndNewRequestsLeaveThePasswordResetCodeUsable() {
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    String email = fixtures.email(nic);
    credentials.requestPasswordReset(nic.value(), OWNER);
    String code = fixtures.codeSentTo(email, MailKind.PASSWORD_RESET);

    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(
              () ->
                  credentials.resetPassword(
                      nic.value(), "0000-0000-0000", "a brand new password", STRANGER))
          .isInstanceOf(HandoverException.class);
    }
    credentials.requestPasswordReset(nic.value(), STRANGER); // asking again voids nothing

    assertThatCode(
            () -> credentials.resetPassword(nic.value(), code, "a brand new password", OWNER))
        .doesNotThrowAnyException();
  }

  @Test
  void wrongCodesAreHeldBackByTheirSource() {
    Actor guesser = Actor.visitor("203.0.113.77");
    Nic nic = fixtures.accountThatSignsIn(Language.en);
    for (int i = 0; i < 30; i++) {
      assertThatThrownBy(
              () ->
                  credentials.resetPassword(
                      nic.value(), "0000-0000", "a brand new password", guesser))
          .isInstanceOf(HandoverException.class);
    }
    assertThatThrownBy(
            () ->
                credentials.resetPassword(
                    nic.value(), "0000-0000", "a brand new password", guesser))
        .isInstanceOfSatisfying(
            HandoverException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.kind())
                    .isEqualTo(HandoverException.Kind.TOO_MANY_REQUESTS));
  }

  @Test
  void theOwnerAsksForANewSignUpLinkWhenTheFirstExpired(@Autowired MockMvc mvc) throws Exception {
    String email = freshAddress();
    opening.signUp(
        new NewAccount(null, email, "Nora", "Late", null, Language.en, Fixtures.PASSWORD), OWNER);
    Nic nic = accounts.findForSignIn(email).orElseThrow().nic();
    String first = fixtures.codeSentTo(email, MailKind.EMAIL_CONFIRM);
    clock.advance(Duration.ofDays(8));
    assertThatThrownBy(() -> confirmation.confirmEmail(nic, first, OWNER))
        .isInstanceOf(HandoverException.class);

    mvc.perform(
            post("/account/profile/confirmation")
                .with(user(nic.value()).authorities(() -> "ROLE_CUSTOMER"))
                .with(csrf()))
        .andExpect(redirectedUrl("/account/profile"));
    String second = fixtures.codeSentTo(email, MailKind.EMAIL_CONFIRM);

    assertThat(second).isNotEqualTo(first);
    confirmation.confirmEmail(nic, second, OWNER);
    assertThat(accounts.require(nic).emailVerified()).isTrue();
    mvc.perform(
            post("/account/profile/confirmation")
                .with(user(nic.value()).authorities(() -> "ROLE_CUSTOMER"))
                .with(csrf()))
        .andExpect(flash().attributeExists("alert"));
  }
}
