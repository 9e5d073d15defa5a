package org.handover.system;

/**
 * HTML escaping for markup written in Java: the five characters that are markup in text and
 * attribute values ({@code & < > " '}), written exactly as Thymeleaf's {@code th:text} and
 * attribute processors write them, so Java-written and template-written markup are the same bytes.
 */
public final class Html {

  private Html() {}

  /** The text with {@code & < > " '} as entities; null as the empty string. */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String entity =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (entity != null && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (entity != null) {
          out.append(entity);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }
}
