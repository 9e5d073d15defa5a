package org.handover.system;

import java.util.Locale;
import java.util.Optional;

/**
 * A typed value is longer than its field allows: the message names the field by its label on the
 * form (a message key, translated with the rest) and the limit, e.g. "Owner name: at most 200
 * characters". Every form's {@code maxlength} equals the limit checked here.
 */
public final class FieldTooLong extends HandoverException {

  private final String labelKey;
  private final int max;

  private FieldTooLong(String labelKey, int max) {
    super(Kind.BAD_REQUEST, "field.tooLong", labelKey, max);
    this.labelKey = labelKey;
    this.max = max;
  }

  /**
   * Refuses a value longer than {@code max} characters; null and short values pass.
   *
   * @param labelKey the message key of the field's label on the form
   * @throws FieldTooLong when the value is longer
   */
  public static void check(String labelKey, String value, int max) {
    Optional<FieldTooLong> refusal = of(labelKey, value, max);
    if (refusal.isPresent()) {
      throw refusal.get();
    }
  }

  /** The refusal of a value longer than {@code max} characters, for a page that lists them all. */
  public static Optional<FieldTooLong> of(String labelKey, String value, int max) {
    return value != null && value.length() > max
        ? Optional.of(new FieldTooLong(labelKey, max))
        : Optional.empty();
  }

  @Override
  public String message(Locale locale) {
    return Messages.format(locale, "field.tooLong", Messages.format(locale, labelKey), max);
  }
}
