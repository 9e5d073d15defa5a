package org.handover.access;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An action name or a glob over action names, as the reference IAM writes them: {@code
 * domain:apiovh:zone/record/create}, {@code domain:apiovh:*}, {@code *}. A {@code *} matches any
 * run of characters, including {@code /} and {@code :}; everything else is literal.
 */
record ActionPattern(String text, Pattern regex) {

  static final int MAX_LENGTH = 200;

  private static final Pattern SHAPE = Pattern.compile("[a-zA-Z0-9:/*._-]+");

  /** The pattern for an action as typed; null when it is not one (characters, length). */
  static ActionPattern parse(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    if (t.isEmpty() || t.length() > MAX_LENGTH || !SHAPE.matcher(t).matches()) {
      return null;
    }
    StringBuilder regex = new StringBuilder();
    for (String part : t.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part.toLowerCase(Locale.ROOT)));
    }
    return new ActionPattern(t, Pattern.compile(regex.toString()));
  }

  boolean isGlob() {
    return text.contains("*");
  }

  /** Whether this pattern covers the action (compared without case). */
  boolean matches(String action) {
    return regex.matcher(action.toLowerCase(Locale.ROOT)).matches();
  }
}
