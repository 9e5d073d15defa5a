package org.handover.system;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one character and length rule for text taken from outside (panel forms, both APIs, the
 * import): no control characters at all in single-line fields (NUL, CR, LF, tab, DEL, C1, line and
 * paragraph separators, lone surrogates); multi-line fields allow line breaks and tabs only.
 * Letters of every script are allowed: a Cyrillic {@code а} in a person's name is a name, not an
 * attack; identifiers (customer IDs, service names) have their own stricter shapes.
 */
public final class TextRules {

  /** First and last names, application names. */
  public static final int PERSON_NAME = 100;

  /** Organisations, a domain owner's name. */
  public static final int ORGANISATION = 200;

  /** A service's display name. */
  public static final int DISPLAY_NAME = 255;

  /** An email address (RFC 5321's path limit). */
  public static final int EMAIL = 320;

  /** Postal addresses, descriptions. */
  public static final int LONG_TEXT = 1000;

  private static final Pattern LOCAL_PART =
      Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private TextRules() {}

  /** Whether the value is one line of at most {@code max} characters (null fails). */
  public static boolean isSingleLine(String value, int max) {
    return value != null && value.length() <= max && allowed(value, false);
  }

  /** Whether the value is text of at most {@code max} characters, line breaks allowed. */
  public static boolean isMultiLine(String value, int max) {
    return value != null && value.length() <= max && allowed(value, true);
  }

  private static boolean allowed(String value, boolean lineBreaks) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < value.length()
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        return false;
      }
      boolean breakOrTab = c == '\n' || c == '\r' || c == '\t';
      if ((Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF')
          && !(lineBreaks && breakOrTab)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The text for a one-line record (the audit log, a log line): every control character (NUL, CR,
   * LF, TAB, DEL, C1), line or paragraph separator and byte-order mark written as {@code \\uXXXX},
   * so nothing that came from outside can start a new line or forge one. Null stays null.
   */
  public static String oneLine(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder sb = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean control =
          Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF';
      if (control && sb == null) {
        sb = new StringBuilder(value.length() + 8).append(value, 0, i);
      }
      if (control) {
        sb.append(String.format("\\u%04x", (int) c));
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? value : sb.toString();
  }

  /**
   * Whether the text is exactly one email address {@code local@domain}: no display name, no list,
   * no spaces, quotes or control characters; the local part is a dot-atom (letters of any script
   * allowed); the domain is a host name with at least two labels, internationalised names allowed
   * (checked in their ASCII form).
   */
  public static boolean isEmail(String email) {
    if (email == null || email.length() > EMAIL || !allowed(email, false)) {
      return false;
    }
    int at = email.lastIndexOf('@');
    if (at < 1 || email.indexOf('@') != at || at > 64) {
      return false;
    }
    String local = email.substring(0, at);
    String domain = email.substring(at + 1);
    return LOCAL_PART.matcher(local).matches() && isHostName(domain);
  }

  /** Whether the text is a host name of two labels or more (IDN allowed), without a final dot. */
  public static boolean isHostName(String host) {
    String ascii;
    try {
      ascii = IDN.toASCII(host, 0).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (ascii.isEmpty() || ascii.length() > 253 || ascii.endsWith(".")) {
      return false;
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return !labels[labels.length - 1].matches("\\d+");
  }
}
