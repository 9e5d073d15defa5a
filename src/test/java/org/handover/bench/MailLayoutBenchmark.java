package org.handover.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.handover.mail.MailKind;
import org.handover.mail.MailLayouts;
import org.handover.mail.OutboxMessage;
import org.handover.mail.RenderedMail;
import org.handover.system.Language;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * What laying an email out costs, next to what delivering it costs: {@value #EMAILS} emails (every
 * kind in every language, in turn) laid out by the Thymeleaf templates ({@code mail/MailLayout},
 * cached) from views translated beforehand, in rounds in one JVM, and the translation itself; then
 * the same emails made into MIME messages and sent over one SMTP connection per batch of {@value
 * #BATCH} to a GreenMail server on this machine, as the outbox's dispatcher sends them. Figures
 * only, no timed assertions: {@code ./mvnw -Pbench test -Dtest=MailLayoutBenchmark}. (Its first
 * version, commit a660746, also timed the layout written in Java that the templates replaced.)
 */
class MailLayoutBenchmark {

  private static final int EMAILS = Integer.getInteger("bench.emails", 10_000);
  private static final int ROUNDS = 3;
  private static final int SENT = Integer.getInteger("bench.sent", 2_000);
  private static final int BATCH = 50;

  private final MailLayouts layouts = new MailLayouts();

  @Test
  void layoutNextToDelivery() throws Exception {
    List<OutboxMessage> mails = new ArrayList<>();
    for (MailKind kind : MailKind.values()) {
      for (Language language : Language.values()) {
        mails.add(layouts.sample(kind, language));
      }
    }
    List<Object> views = new ArrayList<>();
    for (int i = 0; i < EMAILS; i++) {
      views.add(layouts.view(mails.get(i % mails.size())));
    }
    time(views, layouts::layout);
    for (int round = 1; round <= ROUNDS; round++) {
      double layout = time(views, layouts::layout);
      double translate = time(mails, EMAILS, m -> layouts.view(m).hashCode());
      System.out.printf(
          "mail round %d, %,d emails: layout (templates) %.1f µs/email,"
              + " translation before it %.1f µs/email%n",
          round, EMAILS, layout, translate);
    }
    System.out.printf(
        "SMTP to GreenMail on this machine, %,d emails in batches of %d: %.1f µs/email%n",
        SENT, BATCH, smtp(mails));
  }

  private static double time(List<Object> views, ToIntFunction<Object> layout) {
    long sink = 0;
    long t0 = System.nanoTime();
    for (Object view : views) {
      sink += layout.applyAsInt(view);
    }
    double micros = (System.nanoTime() - t0) / 1e3 / views.size();
    return sink == 0 ? -1 : micros;
  }

  private static double time(
      List<OutboxMessage> mails, int count, ToIntFunction<OutboxMessage> work) {
    long sink = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      sink += work.applyAsInt(mails.get(i % mails.size()));
    }
    double micros = (System.nanoTime() - t0) / 1e3 / count;
    return sink == 0 ? -1 : micros;
  }

  /** µs per email to make the MIME message of an email already rendered and send it. */
  private double smtp(List<OutboxMessage> mails) throws Exception {
    GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    server.start();
    try {
      JavaMailSenderImpl sender = new JavaMailSenderImpl();
      sender.setHost("127.0.0.1");
      sender.setPort(server.getSmtp().getPort());
      List<RenderedMail> rendered = mails.stream().map(layouts::render).toList();
      send(sender, rendered, SENT / 10);
      long t0 = System.nanoTime();
      send(sender, rendered, SENT);
      return (System.nanoTime() - t0) / 1e3 / SENT;
    } finally {
      server.stop();
    }
  }

  private static void send(JavaMailSenderImpl sender, List<RenderedMail> mails, int count)
      throws Exception {
    List<MimeMessage> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RenderedMail mail = mails.get(i % mails.size());
      MimeMessage mime = sender.createMimeMessage();
      mime.setHeader("Message-ID", "<handover." + i + "@bench.example>");
      MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
      helper.setFrom("handover@bench.example");
      helper.setTo("reader" + (i % 100) + "@bench.example");
      helper.setSubject(mail.subject());
      helper.setText(mail.text(), mail.html());
      batch.add(mime);
      if (batch.size() == BATCH || i == count - 1) {
        sender.send(batch.toArray(MimeMessage[]::new));
        batch.clear();
      }
    }
  }
}
