package org.handover.access;

import java.util.List;
import java.util.Locale;

/**
 * An action name or a glob over action names, as the reference IAM writes them: {@code
 * domain:apiovh:zone/record/create}, {@code domain:apiovh:*}, {@code *}. A {@code *} matches any
 * run of characters, including {@code /} and {@code :}; everything else is literal. Matching walks
 * the literal parts between the stars (no regular expression is compiled: the decision reads
 * policies' patterns on every call).
 */
record ActionPattern(String text, List<String> parts) {

  static final int MAX_LENGTH = 200;

  /** The pattern for an action as typed; null when it is not one (characters, length). */
  static ActionPattern parse(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    if (t.isEmpty() || t.length() > MAX_LENGTH || !shaped(t)) {
      return null;
    }
    return new ActionPattern(t, List.of(t.toLowerCase(Locale.ROOT).split("\\*", -1)));
  }

  /** Letters and digits of ASCII, and {@code : / * . _ -}. */
  private static boolean shaped(String t) {
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || ":/*._-".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  boolean isGlob() {
    return parts.size() > 1;
  }

  /** Whether this pattern covers the action (compared without case). */
  boolean matches(String action) {
    String a = action.toLowerCase(Locale.ROOT);
    int last = parts.size() - 1;
    if (last == 0) {
      return a.equals(parts.get(0));
    }
    String head = parts.get(0);
    String tail = parts.get(last);
    if (a.length() < head.length() + tail.length() || !a.startsWith(head) || !a.endsWith(tail)) {
      return false;
    }
    int at = head.length();
    int end = a.length() - tail.length();
    for (int i = 1; i < last; i++) {
      String part = parts.get(i);
      int found = a.indexOf(part, at);
      if (found < 0 || found + part.length() > end) {
        return false;
      }
      at = found + part.length();
    }
    return true;
  }
}
