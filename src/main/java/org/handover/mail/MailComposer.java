package org.handover.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Date;
import org.handover.system.HandoverProperties;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Turns an outbox row into the MIME message the dispatcher sends: rendered in its recipient's
 * language, HTML and plain text, with a Message-ID of its own so that a retry is recognisable.
 */
final class MailComposer {

  private final MailTemplates templates;
  private final JavaMailSender sender;
  private final HandoverProperties.Mail settings;

  MailComposer(MailTemplates templates, JavaMailSender sender, HandoverProperties.Mail settings) {
    this.templates = templates;
    this.sender = sender;
    this.settings = settings;
  }

  MimeMessage compose(OutboxMessage message, Instant now) throws MessagingException {
    RenderedMail mail = templates.render(message);
    // the sender's own message type carries its file type map (built once, not per email);
    // an explicit Message-ID is kept by JavaMailSenderImpl when it saves the message
    MimeMessage mime = sender.createMimeMessage();
    mime.setHeader(
        "Message-ID", "<handover." + message.id() + "@" + domainOf(settings.from()) + ">");
    MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
    helper.setFrom(settings.from());
    if (settings.replyTo() != null && !settings.replyTo().isBlank()) {
      helper.setReplyTo(settings.replyTo());
    }
    helper.setTo(message.recipientEmail());
    helper.setSubject(mail.subject());
    helper.setSentDate(Date.from(now));
    helper.setText(mail.text(), mail.html());
    return mime;
  }

  private static String domainOf(String from) {
    String address = from.replaceAll(".*<([^>]+)>.*", "$1");
    int at = address.lastIndexOf('@');
    return at < 0
        ? "handover.localhost"
        : address.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
  }
}
