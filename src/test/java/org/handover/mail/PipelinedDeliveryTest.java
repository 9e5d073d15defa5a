package org.handover.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.handover.support.H2Database;
import org.handover.support.IntegrationTest;
import org.handover.support.PipeliningSmtpServer;
import org.handover.system.Language;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivery to a relay that offers PIPELINING: a batch goes out over one connection with the next
 * email's commands sent before the previous one is acknowledged, and each row is recorded once; a
 * connection dropped mid-pipeline leaves every unacknowledged row for a later attempt; a refused
 * recipient in the middle of a pipeline fails alone.
 */
class PipelinedDeliveryTest extends IntegrationTest {

  static final PipeliningSmtpServer SMTP = new PipeliningSmtpServer();

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", SMTP::port);
    registry.add("handover.mail.poll-interval", () -> "PT1H");
    H2Database.register(registry, "pipelined-delivery");
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
    SMTP.reset();
  }

  private long enqueue(String address) {
    tx.executeWithoutResult(
        s ->
            outbox.enqueue(
                MailKind.PASSWORD_RESET,
                new Recipient(null, address, Language.en),
                () -> Map.of("nic", "aa111111-ovh", "recipientName", "Someone", "code", "ABCD"),
                null));
    return outbox.lastId();
  }

  private List<Long> enqueue(int count, String prefix) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(enqueue(prefix + i + "@example.net"));
    }
    return ids;
  }

  @Test
  void emailsInFlightOnOneConnectionAreEachRecordedSentOnce() {
    List<Long> ids = enqueue(30, "inflight");

    assertThat(dispatcher.deliverDue()).isEqualTo(30);

    assertThat(SMTP.connections()).isEqualTo(1);
    assertThat(SMTP.commandsSentAhead()).as("commands sent before a reply").isPositive();
    assertThat(SMTP.delivered()).hasSize(30);
    assertThat(new HashSet<>(SMTP.delivered())).hasSize(30);
    for (long id : ids) {
      OutboxMessage row = outbox.find(id).orElseThrow();
      assertThat(row.status()).isEqualTo("sent");
      assertThat(row.attempts()).isEqualTo(1);
      assertThat(row.payload()).doesNotContainKey("code");
    }
  }

  @Test
  void aConnectionDroppedMidPipelineLeavesTheUnacknowledgedRowsForRetry() {
    List<Long> ids = enqueue(6, "dropped");
    SMTP.hangUpAfter(3);

    assertThat(dispatcher.deliverDue()).isEqualTo(2);

    for (long id : ids.subList(0, 2)) {
      assertThat(outbox.find(id).orElseThrow().status()).isEqualTo("sent");
    }
    for (long id : ids.subList(2, 6)) {
      OutboxMessage waiting = outbox.find(id).orElseThrow();
      assertThat(waiting.status()).isEqualTo("pending");
      assertThat(waiting.attempts()).isEqualTo(1);
      assertThat(waiting.lastError()).contains("connection");
      assertThat(waiting.payload()).containsEntry("code", "ABCD");
    }
    // the third email's data arrived but was never acknowledged: it is sent again
    assertThat(SMTP.delivered()).hasSize(3);

    SMTP.reset();
    clock.advance(Duration.ofMinutes(1));
    assertThat(dispatcher.deliverDue()).isEqualTo(4);

    assertThat(SMTP.delivered())
        .containsExactly(
            "dropped2@example.net",
            "dropped3@example.net",
            "dropped4@example.net",
            "dropped5@example.net");
    for (long id : ids) {
      OutboxMessage row = outbox.find(id).orElseThrow();
      assertThat(row.status()).isEqualTo("sent");
      assertThat(row.lastError()).isNull();
    }
    assertThat(dispatcher.deliverDue()).isZero();
  }

  @Test
  void aRefusedRecipientInTheMiddleOfAPipelineFailsAloneAndTheOthersGoOut() {
    long first = enqueue("first@example.net");
    long refused = enqueue("reject-me@example.net");
    long busy = enqueue("busy-now@example.net");
    long last = enqueue("last@example.net");

    assertThat(dispatcher.deliverDue()).isEqualTo(2);

    assertThat(outbox.find(first).orElseThrow().status()).isEqualTo("sent");
    assertThat(outbox.find(last).orElseThrow().status()).isEqualTo("sent");
    OutboxMessage failed = outbox.find(refused).orElseThrow();
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.lastError()).contains("550").contains("permanent");
    OutboxMessage later = outbox.find(busy).orElseThrow();
    assertThat(later.status()).isEqualTo("pending");
    assertThat(later.lastError()).contains("451").contains("temporary");
    assertThat(SMTP.delivered()).containsExactly("first@example.net", "last@example.net");
    assertThat(SMTP.connections()).isEqualTo(1);
  }
}
