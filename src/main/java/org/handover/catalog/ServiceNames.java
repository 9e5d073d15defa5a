package org.handover.catalog;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one stored form of a service name: lower case, without a final dot, internationalised domain
 * names in their ASCII (punycode, {@code xn--}) form, so that {@code Bruno-Only.com.}, {@code
 * BRUNO-ONLY.COM} and {@code bruno-only.com} are one service, and {@code bücher.example} is stored
 * as {@code xn--bcher-kva.example}. Every way in (panel, both APIs, import) and every lookup goes
 * through {@link #canonical}.
 */
public final class ServiceNames {

  /** The shape of a canonical name. */
  static final Pattern CANONICAL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,253}");

  private ServiceNames() {}

  /** The canonical form of a name as typed, or empty when it cannot be a service name. */
  public static Optional<String> canonical(String name) {
    if (name == null) {
      return Optional.empty();
    }
    if (isCanonical(name)) {
      return Optional.of(name);
    }
    return converted(name);
  }

  /**
   * Whether a name is in its stored form already: lower-case ASCII letters, digits, dots, dashes
   * and underscores, starting with a letter or a digit, in labels of 1 to 63 characters, 254 at
   * most — what {@link #converted} returns unchanged, found without its IDN conversion (most names
   * asked for by the APIs are written so).
   */
  static boolean isCanonical(String name) {
    int length = name.length();
    if (length == 0 || length > 254 || !letterOrDigit(name.charAt(0))) {
      return false;
    }
    int label = 0;
    for (int i = 0; i < length; i++) {
      char c = name.charAt(i);
      if (c == '.') {
        if (label == 0) {
          return false;
        }
        label = 0;
      } else if (!(letterOrDigit(c) || c == '-' || c == '_') || ++label > 63) {
        return false;
      }
    }
    return label > 0;
  }

  private static boolean letterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** The canonical form through the IDN conversion. */
  static Optional<String> converted(String name) {
    String n = name.strip();
    if (n.endsWith(".")) {
      n = n.substring(0, n.length() - 1);
    }
    if (n.isEmpty() || n.length() > 254 || mixesScripts(n)) {
      return Optional.empty();
    }
    try {
      n = IDN.toASCII(n, 0).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException notAHostName) {
      return Optional.empty();
    }
    return CANONICAL.matcher(n).matches() ? Optional.of(n) : Optional.empty();
  }

  /**
   * Whether a label mixes letters of several scripts ({@code аlice} with a Cyrillic {@code а}): the
   * look-alike names that pass for another, refused as registrars refuse them.
   */
  static boolean mixesScripts(String name) {
    for (String label : name.split("\\.")) {
      Character.UnicodeScript seen = null;
      for (int i = 0; i < label.length(); ) {
        int cp = label.codePointAt(i);
        i += Character.charCount(cp);
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.COMMON
            || script == Character.UnicodeScript.INHERITED) {
          continue;
        }
        if (seen != null && seen != script) {
          return true;
        }
        seen = script;
      }
    }
    return false;
  }

  /** The canonical form; {@link IllegalArgumentException} when it cannot be a service name. */
  public static String require(String name) {
    return canonical(name)
        .orElseThrow(() -> new IllegalArgumentException("not a service name: " + name));
  }

  /**
   * The key that sorts names as people read them ({@code vps-2} before {@code vps-10}), stored next
   * to each name so that the lists read it in index order. Every run of digits becomes its value
   * without leading zeros, preceded by its length: one digit for 1 to 8 digits, {@code 9} and three
   * digits beyond. Lengths are written with digits, so a number still sorts where its first digit
   * did against letters, dots and dashes; names equal but for leading zeros share a key, and the
   * lists break that tie by name.
   */
  public static String sortKey(String name) {
    StringBuilder key = new StringBuilder(name.length() + 8);
    int i = 0;
    while (i < name.length()) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        key.append(c);
        i++;
        continue;
      }
      int end = i;
      while (end < name.length() && name.charAt(end) >= '0' && name.charAt(end) <= '9') {
        end++;
      }
      int start = i;
      while (start < end - 1 && name.charAt(start) == '0') {
        start++;
      }
      int length = end - start;
      key.append(length < 9 ? String.valueOf(length) : String.format("9%03d", length));
      key.append(name, start, end);
      i = end;
    }
    return key.toString();
  }

  /** The form to look a typed name up with: canonical when it can be, else as typed. */
  public static String lookup(String name) {
    return canonical(name).orElse(name);
  }
}
