package org.handover.system;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A refusal the user can act on: a kind (mapped to an HTTP status at the edge), a message key in
 * the {@code messages} bundles and its arguments. {@link #getMessage()} is the English text.
 */
public abstract class HandoverException extends RuntimeException {

  /** How the edge reports the refusal. */
  public enum Kind {
    BAD_REQUEST,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    TOO_MANY_REQUESTS
  }

  private final Kind kind;
  private final String messageKey;
  private final Object[] args;

  protected HandoverException(Kind kind, String messageKey, Object... args) {
    super(messageKey);
    this.kind = kind;
    this.messageKey = messageKey;
    this.args = args.clone();
  }

  public Kind kind() {
    return kind;
  }

  public String messageKey() {
    return messageKey;
  }

  public Object[] args() {
    return args.clone();
  }

  @Override
  public String getMessage() {
    return message(Locale.ENGLISH);
  }

  /** The message in the given language, falling back to English. */
  public String message(Locale locale) {
    try {
      ResourceBundle bundle = bundle(locale);
      String pattern = bundle.getString(messageKey);
      return new MessageFormat(pattern, locale).format(displayArgs(bundle));
    } catch (MissingResourceException e) {
      return messageKey + " " + Arrays.toString(args);
    }
  }

  /** The message bundle for a language, never falling back to the machine's default locale. */
  public static ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle(
        "messages",
        locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** Numbers print without grouping; enums print their translated name ({@code enum.Type.name}). */
  private Object[] displayArgs(ResourceBundle bundle) {
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
