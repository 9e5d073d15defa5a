package org.handover.mail;

import org.handover.system.Language;

/**
 * The two ways of laying an email out, side by side, for {@code bench/MailLayoutBenchmark}: the
 * layout written in Java ({@link MailLayout}) and the Thymeleaf templates ({@link
 * MailTemplateLayout}), from the same translated view of a sample email.
 */
public final class MailLayouts {

  private final MailTemplates templates = MailTemplatesTest.templates();
  private final MailTemplateLayout thymeleaf = new MailTemplateLayout();

  /** A sample email of this kind (a code, two details, the recipient needing escaping). */
  public OutboxMessage sample(MailKind kind, Language language) {
    return MailTemplatesTest.sample(kind, language, "Zoë <O'Brien> & \"Co\"");
  }

  /** The translated view of an email: what both layouts start from. */
  public Object view(OutboxMessage mail) {
    return templates.view(mail);
  }

  /** The whole render as the application does it (translation and layout). */
  public RenderedMail render(OutboxMessage mail) {
    return templates.render(mail);
  }

  /** Both parts with the layout written in Java. */
  public int java(Object view) {
    MailView v = (MailView) view;
    return MailLayout.html(v).length() + MailLayout.text(v).length();
  }

  /** Both parts with the Thymeleaf templates. */
  public int thymeleaf(Object view) {
    MailView v = (MailView) view;
    return thymeleaf.html(v).length() + thymeleaf.text(v).length();
  }

  /** Whether both layouts give the same bytes for this view. */
  public boolean same(Object view) {
    MailView v = (MailView) view;
    return MailLayout.html(v).equals(thymeleaf.html(v))
        && MailLayout.text(v).equals(thymeleaf.text(v));
  }
}
