package org.handover.mail;

import org.handover.system.Language;

/**
 * The steps of rendering an email, apart, for {@code bench/MailLayoutBenchmark}: translating it
 * into its view, and laying the view out with the templates ({@link MailLayout}).
 */
public final class MailLayouts {

  private final MailTemplates templates = MailTemplatesTest.templates();
  private final MailLayout layout = new MailLayout();

  /** A sample email of this kind (a code, details, a recipient name needing escaping). */
  public OutboxMessage sample(MailKind kind, Language language) {
    return MailTemplatesTest.sample(kind, language, "Zoë <O'Brien> & \"Co\"");
  }

  /** The translated view of an email: what the layout starts from. */
  public Object view(OutboxMessage mail) {
    return templates.view(mail);
  }

  /** The whole render as the application does it (translation and layout). */
  public RenderedMail render(OutboxMessage mail) {
    return templates.render(mail);
  }

  /** Both parts laid out with the templates; returns their length. */
  public int layout(Object view) {
    MailView v = (MailView) view;
    return layout.html(v).length() + layout.text(v).length();
  }
}
