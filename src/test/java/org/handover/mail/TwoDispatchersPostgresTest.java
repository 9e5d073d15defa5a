package org.handover.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.handover.support.EmbeddedPostgresDatabase;
import org.handover.support.IntegrationTest;
import org.handover.support.PipeliningSmtpServer;
import org.handover.support.SmtpServer;
import org.handover.system.HandoverProperties;
import org.handover.system.Language;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two dispatchers draining one PostgreSQL outbox at the same time deliver every email exactly once,
 * speaking SMTP with no transaction open and no row locked (claimed rows are leased instead), also
 * when each pipelines over several connections; the rows of a sender that died go out once their
 * lease ends; and every kind of email of DESIGN §4 goes out over SMTP.
 */
class TwoDispatchersPostgresTest extends IntegrationTest {

  static final int PORT = SmtpServer.freePort();

  @RegisterExtension static GreenMailExtension smtp = SmtpServer.on(PORT);

  static final PipeliningSmtpServer PIPELINING = new PipeliningSmtpServer();

  @AfterAll
  static void stopRelay() {
    PIPELINING.close();
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, "dispatchers");
    SmtpServer.register(registry, PORT);
    // the tests drive the dispatchers themselves: the scheduled one would race them for rows
    registry.add("handover.mail.poll-interval", () -> "PT1H");
  }

  @Autowired ApplicationContext context;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired Outbox outbox;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;

  private OutboxDispatcher secondInstance() {
    return secondInstance(context.getBean(JavaMailSender.class));
  }

  private OutboxDispatcher secondInstance(JavaMailSender sender) {
    return Dispatchers.create(context, sender, true);
  }

  private void enqueue(MailKind kind, String address) {
    tx.executeWithoutResult(
        s ->
            outbox.enqueue(
                kind,
                new Recipient(null, address, Language.en),
                MailTemplatesTest.sample(kind, Language.en, "Reader")::payload,
                null));
  }

  private static int drain(OutboxDispatcher d) {
    int total = 0;
    for (int n = d.deliverDue(); n > 0; n = d.deliverDue()) {
      total += n;
    }
    return total;
  }

  @Test
  void twoInstancesDeliverEachEmailExactlyOnce() throws Exception {
    drain(dispatcher);
    smtp.reset();
    int rows = 300;
    for (int i = 0; i < rows; i++) {
      enqueue(MailKind.CHANGE_DONE, "reader" + i + "@example.org");
    }
    OutboxDispatcher other = secondInstance();

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> counts = new ArrayList<>();
      counts.add(pool.submit(() -> drain(dispatcher)));
      counts.add(pool.submit(() -> drain(other)));
      int first = counts.get(0).get(2, TimeUnit.MINUTES);
      int second = counts.get(1).get(2, TimeUnit.MINUTES);
      assertThat(first + second).isEqualTo(rows);
      assertThat(first).isPositive();
      assertThat(second).isPositive();
    } finally {
      pool.shutdownNow();
    }

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(rows);
    Set<String> addresses = new HashSet<>();
    for (MimeMessage m : received) {
      addresses.add(m.getAllRecipients()[0].toString());
    }
    assertThat(addresses).hasSize(rows);
    assertThat(
            jdbc.sql("select count(*) from mail_outbox where status = 'sent' and attempts = 1")
                .query(Long.class)
                .single())
        .isGreaterThanOrEqualTo(rows);
  }

  @Test
  void twoPipelinedInstancesWithParallelSendersDeliverEachEmailExactlyOnce() throws Exception {
    drain(dispatcher);
    int rows = 400;
    for (int i = 0; i < rows; i++) {
      enqueue(MailKind.CHANGE_DONE, "piped" + i + "@example.org");
    }
    JavaMailSenderImpl relay = new JavaMailSenderImpl();
    relay.setHost("127.0.0.1");
    relay.setPort(PIPELINING.port());
    List<OutboxDispatcher> instances = List.of(secondInstance(relay), secondInstance(relay));

    // two senders per instance, each with its own pipelined connection
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> counts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        OutboxDispatcher instance = instances.get(i % 2);
        counts.add(pool.submit(() -> drain(instance)));
      }
      int total = 0;
      for (Future<Integer> count : counts) {
        total += count.get(2, TimeUnit.MINUTES);
      }
      assertThat(total).isEqualTo(rows);
    } finally {
      pool.shutdownNow();
    }

    assertThat(PIPELINING.delivered()).hasSize(rows);
    assertThat(new HashSet<>(PIPELINING.delivered())).hasSize(rows);
    assertThat(PIPELINING.commandsSentAhead()).isPositive();
    assertThat(
            jdbc.sql(
                    "select count(*) from mail_outbox where recipient_email like 'piped%'"
                        + " and status = 'sent' and attempts = 1")
                .query(Long.class)
                .single())
        .isEqualTo(rows);
  }

  @Test
  void pendingMailIsDeliveredByTheNextInstanceAfterARestart() throws Exception {
    drain(dispatcher);
    smtp.reset();
    enqueue(MailKind.CHANGE_REMINDER, "before-restart-1@example.org");
    enqueue(MailKind.CHANGE_REMINDER, "before-restart-2@example.org");

    OutboxDispatcher afterRestart = secondInstance();

    assertThat(drain(afterRestart)).isEqualTo(2);
    assertThat(smtp.getReceivedMessages()).hasSize(2);
    assertThat(drain(dispatcher)).isZero();
  }

  @Test
  void smtpIsSpokenWithNoTransactionOpenAndNoRowLocked() throws Exception {
    drain(dispatcher);
    smtp.reset();
    enqueue(MailKind.CHANGE_DONE, "no-lock-1@example.org");
    enqueue(MailKind.CHANGE_DONE, "no-lock-2@example.org");
    JavaMailSender real = context.getBean(JavaMailSender.class);
    List<String> seenWhileSending = new ArrayList<>();
    JavaMailSender watching =
        new JavaMailSenderImpl() {
          @Override
          public MimeMessage createMimeMessage() {
            return real.createMimeMessage();
          }

          @Override
          public void send(MimeMessage... messages) {
            seenWhileSending.add(
                "transaction open: "
                    + TransactionSynchronizationManager.isActualTransactionActive());
            // from another connection: a row a sender holds a lock on could not be locked now
            tx.executeWithoutResult(
                s ->
                    seenWhileSending.add(
                        "lockable now: "
                            + jdbc.sql(
                                    "select count(*) from (select id from mail_outbox where"
                                        + " status = 'pending' for update nowait) p")
                                .query(Long.class)
                                .single()));
            // and no other sender claims them meanwhile: they are leased
            seenWhileSending.add("claimed by another: " + secondInstance().deliverDue());
            real.send(messages);
          }
        };

    assertThat(secondInstance(watching).deliverDue()).isEqualTo(2);

    assertThat(seenWhileSending)
        .containsExactly("transaction open: false", "lockable now: 2", "claimed by another: 0");
    assertThat(smtp.getReceivedMessages()).hasSize(2);
  }

  @Test
  void rowsOfASenderThatDiedAreSentOnceTheirLeaseEnds() throws Exception {
    drain(dispatcher);
    smtp.reset();
    enqueue(MailKind.CHANGE_REMINDER, "leased@example.org");
    Duration lease = context.getBean(HandoverProperties.class).mail().claimLease();
    // a sender claims the row and dies before sending it
    tx.executeWithoutResult(
        s ->
            context
                .getBean(OutboxRepository.class)
                .claimDue(clock.instant(), 50, clock.instant().plus(lease)));

    assertThat(drain(dispatcher)).as("leased to the dead sender").isZero();
    clock.advance(lease.plusSeconds(1));
    assertThat(drain(dispatcher)).as("the lease has ended").isEqualTo(1);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void everyKindOfEmailGoesOutOverSmtp() throws Exception {
    drain(dispatcher);
    smtp.reset();
    for (MailKind kind : EnumSet.allOf(MailKind.class)) {
      enqueue(kind, kind.name().toLowerCase() + "@example.org");
    }

    assertThat(drain(dispatcher)).isEqualTo(MailKind.values().length);

    Set<String> to = new HashSet<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      to.add(m.getAllRecipients()[0].toString());
      assertThat(m.getSubject()).isNotBlank();
    }
    assertThat(to).hasSize(MailKind.values().length);
  }
}
