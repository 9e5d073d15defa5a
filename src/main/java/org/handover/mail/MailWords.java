package org.handover.mail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.handover.system.Messages;
import org.springframework.context.MessageSource;

/**
 * The message bundles in one reader's language, for a feature's mail record: texts, the names of
 * service types and roles, and dates (kept as {@link Instant} until written here).
 */
public final class MailWords {

  /** One formatter per language, built once (building one per email showed in the profile). */
  private static final Map<Locale, DateTimeFormatter> DATES = new ConcurrentHashMap<>();

  private final MessageSource messages;
  private final Locale locale;

  MailWords(MessageSource messages, Locale locale) {
    this.messages = messages;
    this.locale = locale;
  }

  /** A colon and its space: French sets a narrow no-break space before it, as its messages do. */
  public String colon() {
    return colon(locale.getLanguage());
  }

  static String colon(String language) {
    return "fr".equals(language) ? "\u202f: " : ": ";
  }

  /** A message; fails when the key is missing in the reader's language. */
  public String text(String key, Object... args) {
    return messages.getMessage(key, args, locale);
  }

  /** A message, or null when the bundle has none under this key. */
  public String optional(String key, Object[] args) {
    return messages.getMessage(key, args, null, locale);
  }

  /** The name of a service type ({@code domain}, …); empty for none. */
  public String serviceType(String type) {
    return type == null ? "" : text("enum.ServiceType." + type);
  }

  /** The names of contact roles ({@code admin}, …), as a list; empty for none. */
  public String roles(List<String> roles) {
    if (roles == null) {
      return "";
    }
    return list(roles.stream().map(r -> text("enum.ContactRole." + r)).toList());
  }

  /**
   * Items as the reader's language lists them: commas, and its word for "and" before the last
   * ("technique et de facturation"); empty for none.
   */
  public String list(List<String> items) {
    return Messages.list(locale, items);
  }

  /** The first service, or it and how many others there are ({@code count} in all). */
  public String services(String first, int count) {
    return services(List.of(first == null ? "" : first), count);
  }

  /**
   * Services by name, in words: all of them listed with the language's "and" when {@code names}
   * holds every one, else those named and how many others there are ({@code count} in all); never a
   * bare "(+N)".
   */
  public String services(List<String> names, int count) {
    if (count <= names.size()) {
      return list(names);
    }
    return text("mail.services", String.join(", ", names), count - names.size());
  }

  /** A moment in the reader's language, in UTC; empty for none. */
  public String date(Instant at) {
    if (at == null) {
      return "";
    }
    return DATES
            .computeIfAbsent(
                locale,
                l ->
                    DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                        .withLocale(l)
                        .withZone(ZoneOffset.UTC))
            .format(at)
        + " UTC";
  }

  /** A labelled fact whose label is {@code mail.detail.KEY}. */
  public MailDetail detail(String key, String value) {
    return new MailDetail(text("mail.detail." + key), value);
  }
}
