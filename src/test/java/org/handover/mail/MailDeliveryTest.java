package org.handover.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.handover.contact.ContactRole.tech;
import static org.handover.support.Fixtures.as;
import static org.handover.support.Fixtures.wanted;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.account.Accounts;
import org.handover.catalog.HostedService;
import org.handover.change.ChangeErrors.AlreadyAnswered;
import org.handover.change.ChangeSet;
import org.handover.support.ChangeUseCases;
import org.handover.support.H2Database;
import org.handover.support.IntegrationTest;
import org.handover.support.SmtpServer;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Real SMTP delivery of the outbox, against GreenMail, including the faults that must not lose
 * mail.
 */
class MailDeliveryTest extends IntegrationTest {

  static final int PORT = SmtpServer.freePort();

  @RegisterExtension static GreenMailExtension smtp = SmtpServer.on(PORT);

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    SmtpServer.register(registry, PORT);
    H2Database.register(registry, "mail-delivery");
  }

  @Autowired OutboxDispatcher dispatcher;
  @Autowired Outbox outbox;
  @Autowired ChangeUseCases changes;
  @Autowired Accounts accounts;
  @Autowired TransactionTemplate tx;
  @Autowired MeterRegistry meters;

  @BeforeEach
  void drainWhatEarlierTestsLeft() {
    drain();
    smtp.reset();
  }

  private void drain() {
    while (dispatcher.deliverDue() > 0) {
      // keep going until nothing is due
    }
  }

  private static final Pattern LINK =
      Pattern.compile("/account/contacts/requests/(\\d+)\\?token=([0-9A-Z-]+)");

  private MimeMessage received(String address) throws Exception {
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (Arrays.toString(m.getAllRecipients()).contains(address)) {
        return m;
      }
    }
    throw new AssertionError("nothing received by " + address);
  }

  private String email(Nic nic) {
    return accounts.require(nic).email();
  }

  private List<String> recipients() throws Exception {
    List<String> to = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      for (Address a : m.getAllRecipients()) {
        to.add(m.getSubject().split(":")[0] + ">" + ((InternetAddress) a).getAddress());
      }
    }
    return to;
  }

  private static String textPart(MimeMessage message) throws Exception {
    StringBuilder out = new StringBuilder();
    collect(message.getContent(), out);
    return out.toString();
  }

  private static void collect(Object content, StringBuilder out) throws Exception {
    if (content instanceof MimeMultipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        var part = multipart.getBodyPart(i);
        if (part.isMimeType("text/plain")) {
          out.append(part.getContent());
        } else {
          collect(part.getContent(), out);
        }
      }
    }
  }

  @Test
  void aFullWorkflowSendsExactlyTheExpectedEmailsAndTheLinkedCodeWorksOnce() throws Exception {
    Nic a = fixtures.account();
    Nic x = fixtures.account(Language.fr);
    HostedService s = fixtures.serviceOwnedBy(a);
    drain();
    smtp.reset();

    ChangeSet c = changes.request(as(a), s.type(), s.name(), wanted(tech, x)).orElseThrow();
    assertThat(dispatcher.deliverDue()).isEqualTo(2);
    MimeMessage toX = received(email(x));
    assertThat(toX.getSubject())
        .startsWith("À confirmer\u202f: vous deviendriez le contact technique de " + s.name());
    Matcher link = LINK.matcher(textPart(toX));
    assertThat(link.find()).isTrue();
    assertThat(Long.parseLong(link.group(1))).isEqualTo(c.id());
    String token = link.group(2);

    changes.accept(as(x), c.id(), token);
    assertThatThrownBy(() -> changes.refuse(as(x), c.id(), token, null))
        .isInstanceOf(AlreadyAnswered.class);
    Matcher linkA = LINK.matcher(textPart(received(email(a))));
    assertThat(linkA.find()).isTrue();
    changes.accept(as(a), c.id(), linkA.group(2));
    drain();

    assertThat(recipients())
        .containsExactlyInAnyOrder(
            "Please confirm your request>" + email(a),
            "À confirmer\u202f>" + email(x),
            x + " accepted the contact change for " + s.name() + ">" + email(a),
            "C’est fait\u202f>" + email(x),
            "Done>" + email(a));
    assertThat(outbox.forChange(c.id()))
        .allSatisfy(
            m -> {
              assertThat(m.status()).isEqualTo("sent");
              assertThat(m.payload()).doesNotContainKey("code");
            });
  }

  @Test
  void headersAreComplete() throws Exception {
    Nic a = fixtures.account(Language.it);
    drain();

    MimeMessage m = smtp.getReceivedMessages()[0];
    assertThat(m.getSubject()).isEqualTo("Il tuo identificativo cliente Handover è " + a);
    assertThat(m.getMessageID()).matches("<handover\\.\\d+@mail\\.example\\.net>");
    assertThat(m.getSentDate()).isNotNull();
    assertThat(m.getFrom()[0].toString()).isEqualTo("Example Hosting <no-reply@mail.example.net>");
    assertThat(m.getReplyTo()[0].toString()).isEqualTo("support@example.net");
    assertThat(m.getHeader("Subject")[0]).startsWith("=?UTF-8?");
    assertThat(m.getContentType()).startsWith("multipart/mixed");
    assertThat(((MimeMultipart) m.getContent()).getBodyPart(0).getContent())
        .isInstanceOfSatisfying(
            MimeMultipart.class,
            related -> assertThat(related.getContentType()).contains("related"));
  }

  @Test
  void whileTheServerIsDownMailWaitsWithGrowingBackoffThenGoesOutOnce() throws Exception {
    smtp.stop();
    fixtures.account();
    fixtures.account();
    long first = outbox.lastId() - 1;

    dispatcher.deliverDue();
    OutboxMessage once = outbox.find(first).orElseThrow();
    assertThat(once.status()).isEqualTo("pending");
    assertThat(once.attempts()).isEqualTo(1);
    assertThat(once.lastError()).isNotBlank();
    assertThat(Duration.between(clock.instant(), once.nextAttemptAt()))
        .isEqualTo(Duration.ofSeconds(30));

    dispatcher.deliverDue(); // not due yet: nothing happens
    assertThat(outbox.find(first).orElseThrow().attempts()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(30));
    dispatcher.deliverDue();
    OutboxMessage twice = outbox.find(first).orElseThrow();
    assertThat(twice.attempts()).isEqualTo(2);
    assertThat(Duration.between(clock.instant(), twice.nextAttemptAt()))
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(outbox.find(first + 1).orElseThrow().status()).isEqualTo("pending");

    smtp.start();
    clock.advance(Duration.ofMinutes(5));
    drain();
    drain();

    assertThat(smtp.getReceivedMessages()).hasSize(2);
    assertThat(outbox.find(first).orElseThrow().status()).isEqualTo("sent");
    assertThat(outbox.find(first + 1).orElseThrow().status()).isEqualTo("sent");
  }

  @Test
  void aPermanentlyBadAddressEndsFailedWithoutBlockingTheOthers() throws Exception {
    fixtures.account();
    tx.executeWithoutResult(
        s ->
            outbox.enqueue(
                MailKind.ACCOUNT_CREATED,
                new Recipient(null, "bad address@example.com", Language.en),
                () -> Map.of("nic", "aa111111-ovh", "recipientName", "Nobody"),
                null));
    long bad = outbox.lastId();
    fixtures.account();

    drain();

    OutboxMessage failed = outbox.find(bad).orElseThrow();
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.lastError()).contains("AddressException");
    assertThat(smtp.getReceivedMessages()).hasSize(2);
    assertThat(meters.get("handover.mail.failed").gauge().value()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void anEmailThatCannotBeRenderedFailsAloneAndTheRestOfItsBatchGoesOut() throws Exception {
    fixtures.account();
    tx.executeWithoutResult(
        s ->
            outbox.enqueue(
                MailKind.CHANGE_EXPIRED,
                new Recipient(null, "someone@example.com", Language.en),
                () -> Map.of("serviceName", "example.com", "expiresAt", "not a date"),
                null));
    long broken = outbox.lastId();
    fixtures.account();

    drain();

    OutboxMessage failed = outbox.find(broken).orElseThrow();
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.lastError()).contains("DateTimeParseException");
    assertThat(smtp.getReceivedMessages()).hasSize(2);
  }

  @Test
  void afterTheLastAttemptARowIsFailedAndNoLongerRetried() {
    smtp.stop();
    fixtures.account();
    long id = outbox.lastId();

    for (int i = 0; i < 8; i++) {
      dispatcher.deliverDue();
      clock.advance(Duration.ofHours(2));
    }
    OutboxMessage failed = outbox.find(id).orElseThrow();
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.attempts()).isEqualTo(8);

    smtp.start();
    drain();
    assertThat(outbox.find(id).orElseThrow().attempts()).isEqualTo(8);
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void metricsCountWhatIsPendingAndSent() {
    double sentBefore = meters.get("handover.mail.sent").counter().count();
    fixtures.account();
    assertThat(meters.get("handover.mail.pending").gauge().value()).isEqualTo(1.0);

    drain();

    assertThat(meters.get("handover.mail.pending").gauge().value()).isZero();
    assertThat(meters.get("handover.mail.sent").counter().count()).isEqualTo(sentBefore + 1);
    assertThat(meters.get("handover.mail.delivery.latency").timer().count()).isPositive();
  }
}
