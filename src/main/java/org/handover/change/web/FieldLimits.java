package org.handover.change.web;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.handover.system.FieldTooLong;

/**
 * The longest value each field of the change pages takes: given to the pages as {@code maxlength}
 * (model attribute {@code limits}) and checked again on the server, where an over-long value is
 * refused with a message naming the field and its limit.
 */
final class FieldLimits {

  /** A customer ID: two letters, at most 8 digits, a dash and a suffix of at most 16. */
  static final int CONTACT = 27;

  /** A token as typed or pasted, spaces and dashes included; the code reads no further. */
  static final int TOKEN = 100;

  /** A refusal's reason, as long as the request keeps it. */
  static final int REASON = 300;

  /** What the templates read as {@code ${limits.contact}} and the like. */
  static final Map<String, Integer> FOR_PAGES =
      Map.of("contact", CONTACT, "token", TOKEN, "reason", REASON);

  private FieldLimits() {}

  /** "Field: at most N characters." when the value is longer than {@code max}, else empty. */
  static Optional<String> tooLong(String fieldKey, String value, int max, Locale locale) {
    return FieldTooLong.of(fieldKey, value == null ? null : value.strip(), max)
        .map(refusal -> refusal.message(locale));
  }
}
