package org.handover.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.handover.support.H2Database;
import org.handover.support.IntegrationTest;
import org.handover.support.ScriptedSmtpServer;
import org.handover.system.Language;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SMTP server's own reply decides: a 5xx for the recipient fails the email at once with the
 * reply kept; a 4xx is retried with backoff; a failed row keeps no code, like a sent one.
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
}
