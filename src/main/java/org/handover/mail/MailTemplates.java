package org.handover.mail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.handover.system.HandoverProperties;
import org.handover.system.Language;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders outbox rows into emails in the recipient's language. Each row is read back into its
 * feature's typed record by the {@link MailFormat} of its kind; the wording comes from the message
 * bundles ({@code mail.KIND.subject}, {@code .body}, optional {@code .body2}, {@code .action}) with
 * the record's own arguments, laid out in HTML and plain text by {@link MailLayout}.
 */
@Component
public class MailTemplates {

  private final MessageSource messages;
  private final HandoverProperties properties;
  private final PanelUrl panel;
  private final MailLayout layout = new MailLayout();
  private final Map<MailKind, MailFormat> formats = new EnumMap<>(MailKind.class);

  MailTemplates(MessageSource messages, HandoverProperties properties, List<MailFormat> formats) {
    this.messages = messages;
    this.properties = properties;
    this.panel = new PanelUrl(properties.publicBaseUrl());
    for (MailFormat format : formats) {
      for (MailKind kind : format.kinds()) {
        MailFormat other = this.formats.put(kind, format);
        if (other != null) {
          throw new IllegalStateException(kind + " has two mail formats: " + other + ", " + format);
        }
      }
    }
    for (MailKind kind : MailKind.values()) {
      if (!this.formats.containsKey(kind)) {
        throw new IllegalStateException(kind + " has no mail format");
      }
    }
  }

  /** Renders one outbox row. Fails when a message key is missing in the recipient's language. */
  public RenderedMail render(OutboxMessage mail) {
    MailView view = view(mail);
    return new RenderedMail(view.subject(), layout.text(view), layout.html(view));
  }

  /** The email an outbox row holds, as its feature's record. */
  MailContent content(OutboxMessage mail) {
    return formats.get(mail.kind()).read(mail.kind(), new StoredPayload(mail.payload()));
  }

  MailView view(OutboxMessage mail) {
    Locale locale = Language.of(mail.language()).locale();
    MailWords words = new MailWords(messages, locale);
    MailContent content = content(mail);
    MailArguments arguments = new MailArguments(properties.providerName(), content.recipientName());
    content.arguments(arguments, words);
    Object[] args = arguments.toArray();
    String kind = "mail." + mail.kind().name();
    String reader = content.reader() == null ? null : "." + content.reader();
    List<String> paragraphs = new ArrayList<>();
    paragraphs.add(variant(kind + ".body", reader, args, words));
    String second = variant(kind + ".body2", reader, args, words);
    if (!second.isEmpty()) {
      paragraphs.add(second);
    }
    boolean code = mail.kind().carriesCode() && content.code() != null;
    return new MailView(
        locale.getLanguage(),
        properties.providerName(),
        variant(kind + ".subject", reader, args, words),
        words.text("mail.greeting", args),
        paragraphs,
        code ? words.text("mail.code.label", args) : null,
        code ? content.code() : null,
        words.text(kind + ".action", args),
        content.link(mail.kind(), panel),
        content.details(mail.kind(), words),
        footer(reader, args, words));
  }

  /**
   * The footer, in its reader's own words when the bundle has them ({@code mail.footer.READER}, or
   * that of the reader's wider kind).
   */
  private static String footer(String reader, Object[] args, MailWords words) {
    if (reader == null) {
      return words.text("mail.footer", args);
    }
    String own = words.optional("mail.footer" + reader, args);
    // a reader's narrower kind ({@code .registrant.refuser}) has its kind's footer
    int narrower = reader.indexOf('.', 1);
    if (own == null && narrower > 0) {
      own = words.optional("mail.footer" + reader.substring(0, narrower), args);
    }
    return own != null ? own : words.text("mail.footer", args);
  }

  /**
   * The wording for this reader when the bundle has one ({@code mail.KIND.body.newcomer}, …), else
   * the kind's own; an absent second paragraph is empty.
   */
  private static String variant(String key, String reader, Object[] args, MailWords words) {
    String own = reader == null ? null : words.optional(key + reader, args);
    if (own != null) {
      return own;
    }
    if (key.endsWith(".body2")) {
      String second = words.optional(key, args);
      return second == null ? "" : second;
    }
    return words.text(key, args);
  }
}
