package org.handover.mail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.handover.audit.AuditLog;
import org.handover.system.HandoverProperties;
import org.handover.system.Language;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dispatchers built by hand on a running application, for tests and the outbox benchmark: another
 * instance on the same database, sending to the given server, over Handover's pipelined connection
 * or through Jakarta Mail as before round four.
 */
public final class Dispatchers {

  private Dispatchers() {}

  public static OutboxDispatcher create(
      ApplicationContext context, JavaMailSender sender, boolean pipelining) {
    return new OutboxDispatcher(
        context.getBean(OutboxRepository.class),
        context.getBean(AuditLog.class),
        context.getBean(TransactionTemplate.class),
        context.getBean(MailTemplates.class),
        new StaticListableBeanFactory(Map.of("sender", sender))
            .getBeanProvider(JavaMailSender.class),
        context.getBean(Clock.class),
        context.getBean(HandoverProperties.class),
        new SmtpDelivery.Settings(pipelining),
        new SimpleMeterRegistry());
  }

  /** Writes {@code count} emails, every kind in every language in turn, to distinct addresses. */
  public static void enqueueSamples(ApplicationContext context, int count, String prefix) {
    List<Outbox.Letter> letters = new ArrayList<>(count);
    MailKind[] kinds = MailKind.values();
    Language[] languages = Language.values();
    for (int i = 0; i < count; i++) {
      MailKind kind = kinds[i % kinds.length];
      Language language = languages[(i / kinds.length) % languages.length];
      OutboxMessage sample = MailTemplatesTest.sample(kind, language, "Reader " + i);
      letters.add(
          new Outbox.Letter(
              kind,
              new Recipient(null, prefix + i + "@example.org", language),
              sample::payload,
              null,
              true));
    }
    context
        .getBean(TransactionTemplate.class)
        .executeWithoutResult(s -> context.getBean(Outbox.class).enqueueAll(letters));
  }
}
