package org.handover.system;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The one way to turn a message key and its arguments into text outside a page: refusals ({@link
 * HandoverException}), reasons stored with a request, import reports. Reads the same {@code
 * messages} bundles as Spring's {@code MessageSource} (which pages and controllers use), never
 * falling back to the machine's locale; numbers print without grouping and enums as their
 * translated name ({@code enum.Type.name}).
 */
public final class Messages {

  private Messages() {}

  /** The text in the given language (English when the language has no bundle). */
  public static String format(Locale locale, String key, Object... args) {
    try {
      ResourceBundle bundle = bundle(locale);
      String pattern = bundle.getString(key);
      return new MessageFormat(pattern, locale).format(displayArgs(bundle, args));
    } catch (MissingResourceException e) {
      return key + " " + Arrays.toString(args);
    }
  }

  /** The English text, as logs, the APIs and the import reports show it. */
  public static String english(String key, Object... args) {
    return format(Locale.ENGLISH, key, args);
  }

  /**
   * Items (people, services) as the language lists them: commas, and its word for "and" before the
   * last ("aa1-ovh, bb2-ovh e cc3-ovh"); empty for none. Emails list with the same words.
   */
  public static String list(Locale locale, List<String> items) {
    if (items.size() < 2) {
      return items.isEmpty() ? "" : items.get(0);
    }
    String head = String.join(", ", items.subList(0, items.size() - 1));
    return format(locale, "mail.list.and", head, items.get(items.size() - 1));
  }

  /**
   * The text as the person it names first reads it: {@code KEY.you} ("You refused it.") when {@code
   * reader} is the first argument and the language has that key, else the text itself.
   */
  public static String toReader(Locale locale, Nic reader, String key, Object... args) {
    boolean named =
        reader != null && args.length > 0 && reader.value().equals(String.valueOf(args[0]));
    if (named) {
      ResourceBundle bundle = bundle(locale);
      if (bundle.containsKey(key + ".you")) {
        return new MessageFormat(bundle.getString(key + ".you"), locale)
            .format(displayArgs(bundle, args));
      }
    }
    return format(locale, key, args);
  }

  private static ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle(
        "messages",
        locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  private static Object[] displayArgs(ResourceBundle bundle, Object[] args) {
    return Arrays.stream(args)
        .map(
            a -> {
              if (a instanceof Number n) {
                return n.toString();
              }
              if (a instanceof Enum<?> e) {
                String key = "enum." + e.getDeclaringClass().getSimpleName() + "." + e.name();
                return bundle.containsKey(key) ? bundle.getString(key) : e.name();
              }
              return a;
            })
        .toArray();
  }
}
