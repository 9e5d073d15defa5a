package org.handover.mail;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Lays a {@link MailView} out as the email's HTML and plain-text parts with the Thymeleaf templates
 * {@code templates/mail/layout.html} and {@code layout.txt}, which a designer edits without Java.
 * The templates are parsed once and cached; a layout costs a few hundred microseconds, a few
 * percent of delivering the email ({@code bench/MailLayoutBenchmark}, docs/scaling.md). {@code
 * MailGoldenTest} pins both parts byte for byte.
 */
final class MailLayout {

  private final SpringTemplateEngine engine = new SpringTemplateEngine();

  MailLayout() {
    engine.setEnableSpringELCompiler(true);
    engine.addTemplateResolver(resolver("*.html", TemplateMode.HTML, 1));
    engine.addTemplateResolver(resolver("*.txt", TemplateMode.TEXT, 2));
  }

  private static ClassLoaderTemplateResolver resolver(
      String pattern, TemplateMode mode, int order) {
    ClassLoaderTemplateResolver r = new ClassLoaderTemplateResolver();
    r.setPrefix("templates/mail/");
    r.setResolvablePatterns(Set.of(pattern));
    r.setTemplateMode(mode);
    r.setCharacterEncoding("UTF-8");
    r.setCacheable(true);
    r.setOrder(order);
    return r;
  }

  /** The HTML part. */
  String html(MailView view) {
    return engine.process("layout.html", context(view));
  }

  /** The plain-text part. */
  String text(MailView view) {
    return engine.process("layout.txt", context(view));
  }

  /**
   * The view as a map: SpEL reads a map's entries several times faster than a record's accessors
   * (measured in {@code bench/MailLayoutBenchmark}, see docs/scaling.md).
   */
  private static Context context(MailView view) {
    Map<String, Object> m = new HashMap<>();
    m.put("language", view.language());
    m.put("provider", view.provider());
    m.put("subject", view.subject());
    m.put("greeting", view.greeting());
    m.put("paragraphs", view.paragraphs());
    m.put("codeLabel", view.codeLabel());
    m.put("code", view.code());
    m.put("actionLabel", view.actionLabel());
    m.put("actionUrl", view.actionUrl());
    m.put(
        "details",
        view.details().stream().map(d -> Map.of("label", d.label(), "value", d.value())).toList());
    m.put("footer", view.footer());
    m.put("colon", MailWords.colon(view.language()));
    return new Context(Locale.forLanguageTag(view.language()), Map.of("m", m));
  }
}
