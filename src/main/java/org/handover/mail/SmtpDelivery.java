package org.handover.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends one batch of composed emails over one SMTP connection and says which failed, with why. To a
 * plain relay ({@link SmtpEndpoint}) that offers PIPELINING it speaks through {@link SmtpPipeline},
 * one round trip per email; otherwise (a relay that does not offer it, asked again every ten
 * minutes; authentication, TLS, or {@code handover.mail.smtp.pipelining=false}) through Jakarta
 * Mail, one command at a time.
 */
final class SmtpDelivery {

  /** Settings under {@code handover.mail.smtp}. */
  @ConfigurationProperties("handover.mail.smtp")
  record Settings(@DefaultValue("true") boolean pipelining) {}

  /** A composed email; {@code envelope} is its wire form when the pipeline carries it. */
  record Outgoing(MimeMessage mime, SmtpPipeline.Envelope envelope) {}

  /** How long a relay that did not offer PIPELINING is left to Jakarta Mail before asking again. */
  private static final Duration RECHECK = Duration.ofMinutes(10);

  private final JavaMailSender sender;
  private final Optional<SmtpEndpoint> endpoint;
  private final Clock clock;
  private volatile Instant notOfferedUntil = Instant.MIN;

  SmtpDelivery(JavaMailSender sender, Settings settings, Clock clock) {
    this.sender = sender;
    this.clock = clock;
    this.endpoint = settings.pipelining() ? SmtpEndpoint.of(sender) : Optional.empty();
  }

  /**
   * The email ready to go: for the pipeline, its envelope and data written out now, so that an
   * email that cannot be written fails alone (permanently, as one that cannot be rendered).
   */
  Outgoing prepare(MimeMessage mime) throws MessagingException {
    if (endpoint.isEmpty() || !clock.instant().isAfter(notOfferedUntil)) {
      return new Outgoing(mime, null);
    }
    String from = endpoint.get().envelopeFrom();
    String sender = address(from != null ? new InternetAddress(from) : mime.getFrom()[0]);
    String to = address(mime.getRecipients(MimeMessage.RecipientType.TO)[0]);
    // what Jakarta Mail's transport does before sending: headers final, our Message-ID kept
    String id = mime.getMessageID();
    mime.saveChanges();
    if (id != null) {
      mime.setHeader("Message-ID", id);
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream(16 * 1024);
    try {
      SMTPOutputStream dotted = new SMTPOutputStream(data);
      mime.writeTo(dotted);
      dotted.ensureAtBOL();
    } catch (IOException e) {
      throw new MessagingException("Cannot write the email", e);
    }
    return new Outgoing(mime, new SmtpPipeline.Envelope(sender, to, data.toByteArray()));
  }

  /** An address for the envelope: nothing that could end or add an SMTP command. */
  private static String address(Address address) throws AddressException {
    String text = ((InternetAddress) address).getAddress();
    if (text == null || !text.matches("[^\\s<>\\p{Cntrl}]+@[^\\s<>\\p{Cntrl}]+")) {
      throw new AddressException("Not an address for the SMTP envelope", String.valueOf(text));
    }
    return text;
  }

  /** Sends over one connection; answers the emails that failed, with why. */
  Map<Outgoing, Exception> send(List<Outgoing> batch) {
    if (batch.isEmpty()) {
      return Map.of();
    }
    boolean ready = batch.stream().allMatch(o -> o.envelope() != null);
    return ready ? pipelined(batch, endpoint.orElseThrow()) : jakarta(batch);
  }

  private Map<Outgoing, Exception> pipelined(List<Outgoing> batch, SmtpEndpoint to) {
    Map<Outgoing, Exception> failed = new IdentityHashMap<>();
    try (SmtpPipeline smtp = SmtpPipeline.open(to)) {
      if (!smtp.pipelining()) {
        // one command at a time is what Jakarta Mail does already: leave this relay to it
        notOfferedUntil = clock.instant().plus(RECHECK);
        smtp.close();
        return jakarta(batch);
      }
      Exception[] outcomes = smtp.send(batch.stream().map(Outgoing::envelope).toList());
      for (int i = 0; i < outcomes.length; i++) {
        if (outcomes[i] != null) {
          failed.put(batch.get(i), outcomes[i]);
        }
      }
    } catch (IOException | MessagingException unreachable) {
      batch.forEach(o -> failed.put(o, unreachable));
    }
    return failed;
  }

  private Map<Outgoing, Exception> jakarta(List<Outgoing> batch) {
    Map<Outgoing, Exception> failed = new IdentityHashMap<>();
    try {
      sender.send(batch.stream().map(Outgoing::mime).toArray(MimeMessage[]::new));
    } catch (MailSendException partly) {
      // per message; empty when everything went out and only closing the connection failed
      Map<Object, Exception> byMessage = partly.getFailedMessages();
      batch.stream()
          .filter(o -> byMessage.containsKey(o.mime()))
          .forEach(o -> failed.put(o, byMessage.get(o.mime())));
    } catch (MailException whole) {
      batch.forEach(o -> failed.put(o, whole));
    }
    return failed;
  }
}
