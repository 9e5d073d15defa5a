package org.handover.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Map;
import org.handover.support.H2Database;
import org.handover.support.IntegrationTest;
import org.handover.support.ScriptedSmtpServer;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SMTP server's own reply decides: a 5xx for the recipient fails the email at once with the
 * reply kept; a 4xx is retried with backoff; a failed row keeps no code, like a sent one. An email
 * failed for good is in the audit log and in the operator API's list of failed emails.
 */
class SmtpRefusalsTest extends IntegrationTest {

  static final ScriptedSmtpServer SMTP = new ScriptedSmtpServer();

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", SMTP::port);
    registry.add("handover.mail.poll-interval", () -> "PT1H");
    H2Database.register(registry, "smtp-refusals");
  }

  @AfterAll
  static void stop() {
    SMTP.close();
  }

  @Autowired OutboxDispatcher dispatcher;
  @Autowired Outbox outbox;
  @Autowired TransactionTemplate tx;
  @Autowired MockMvc mvc;

  @BeforeEach
  void drain() {
    while (dispatcher.deliverDue() > 0) {
      // whatever earlier tests left
    }
  }

  private long codeEmailTo(String address) {
    tx.executeWithoutResult(
        s ->
            outbox.enqueue(
                MailKind.PASSWORD_RESET,
                new Recipient(null, address, Language.en),
                () ->
                    Map.of("nic", "aa111111-ovh", "recipientName", "Someone", "code", "ABCD-EFGH"),
                null));
    return outbox.lastId();
  }

  @Test
  void aRecipientRefusedWith5xxFailsAtOnceWithTheReplyKeptAndNoCode() {
    long refused = codeEmailTo("reject-me@example.net");
    long fine = codeEmailTo("fine@example.net");

    dispatcher.deliverDue();

    OutboxMessage failed = outbox.find(refused).orElseThrow();
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).contains("550").contains("permanent").contains("User unknown");
    assertThat(failed.payload()).doesNotContainKey("code").containsEntry("codeRemoved", true);
    OutboxMessage sent = outbox.find(fine).orElseThrow();
    assertThat(sent.status()).isEqualTo("sent");
    assertThat(sent.payload()).doesNotContainKey("code");
    assertThat(SMTP.delivered())
        .contains("fine@example.net")
        .doesNotContain("reject-me@example.net");
  }

  @Test
  void aRecipientRefusedWith4xxIsRetriedWithBackoffAndKeepsItsCodeMeanwhile() {
    long busy = codeEmailTo("busy-now@example.net");

    dispatcher.deliverDue();

    OutboxMessage waiting = outbox.find(busy).orElseThrow();
    assertThat(waiting.status()).isEqualTo("pending");
    assertThat(waiting.lastError()).contains("451").contains("temporary");
    assertThat(waiting.payload()).containsEntry("code", "ABCD-EFGH");
    assertThat(Duration.between(clock.instant(), waiting.nextAttemptAt()))
        .isEqualTo(Duration.ofSeconds(30));

    for (int i = 0; i < 8; i++) {
      clock.advance(Duration.ofHours(2));
      dispatcher.deliverDue();
    }
    OutboxMessage gaveUp = outbox.find(busy).orElseThrow();
    assertThat(gaveUp.status()).isEqualTo("failed");
    assertThat(gaveUp.attempts()).isEqualTo(8);
    assertThat(gaveUp.payload()).doesNotContainKey("code");
  }

  @Test
  void anEmailFailedForGoodIsAuditedAndListedForTheOperatorAndTheRequest() throws Exception {
    Nic holder = fixtures.account();
    long change = 990_000 + clock.instant().getEpochSecond() % 1000;
    tx.executeWithoutResult(
        s ->
            outbox.enqueue(
                MailKind.PASSWORD_RESET,
                new Recipient(holder, "reject-" + holder + "@example.net", Language.en),
                () ->
                    Map.of("nic", holder.value(), "recipientName", "Someone", "code", "ABCD-EFGH"),
                change));
    long id = outbox.lastId();
    long other = codeEmailTo("reject-someone-else@example.net");

    dispatcher.deliverDue();

    assertThat(outbox.failedMailsFor(change))
        .singleElement()
        .satisfies(m -> assertThat(m.id()).isEqualTo(id))
        .satisfies(m -> assertThat(m.recipientNic()).isEqualTo(holder.value()))
        .satisfies(m -> assertThat(m.lastError()).contains("550"));
    assertThat(
            fixtures.sql(
                "select count(*) from audit_log where action = 'mail.failed' and change_id = ?"
                    + " and detail like ?",
                change,
                "email "
                    + id
                    + " (PASSWORD_RESET) to "
                    + holder
                    + " failed after 1 attempt: SMTP 550%"))
        .isEqualTo(1);

    mvc.perform(
            get("/operator/v1/mail/failed")
                .param("account", holder.value())
                .header("Authorization", "Bearer test-operator-token"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", hasSize(1)))
        .andExpect(jsonPath("$[0].id").value(id))
        .andExpect(jsonPath("$[0].account").value(holder.value()))
        .andExpect(jsonPath("$[0].contactChangeId").value(change))
        .andExpect(jsonPath("$[0].reason").value(containsString("User unknown")))
        .andExpect(jsonPath("$[0].payload").doesNotExist());
    mvc.perform(
            get("/operator/v1/mail/failed")
                .param("contactChangeId", String.valueOf(change))
                .header("Authorization", "Bearer test-operator-token"))
        .andExpect(jsonPath("$[*].id", contains((int) id)));
    mvc.perform(
            get("/operator/v1/mail/failed")
                .param("size", "1")
                .header("Authorization", "Bearer test-operator-token"))
        .andExpect(jsonPath("$[*].id", contains((int) other)));
    mvc.perform(
            get("/operator/v1/mail/failed")
                .param("account", "not a nic")
                .header("Authorization", "Bearer test-operator-token"))
        .andExpect(status().isBadRequest());
    mvc.perform(
            get("/operator/v1/mail/failed")
                .param("size", "501")
                .header("Authorization", "Bearer test-operator-token"))
        .andExpect(status().isBadRequest());
    mvc.perform(get("/operator/v1/mail/failed")).andExpect(status().isUnauthorized());
  }
}
