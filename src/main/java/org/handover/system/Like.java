package org.handover.system;

import java.util.Locale;

/**
 * Patterns for SQL {@code like … escape '\'} built from what a person typed: {@code %}, {@code _}
 * and {@code \} match themselves, never as wildcards. Searches of fewer than {@link
 * #FRAGMENT_LENGTH} characters match the start of a value only: a trigram index cannot serve a
 * shorter fragment, so it would read every row.
 */
public final class Like {

  /** The shortest text searched for anywhere in a value rather than at its start. */
  public static final int FRAGMENT_LENGTH = 3;

  private Like() {}

  /** Whether {@code typed} (stripped) is long enough to be searched anywhere in a value. */
  public static boolean fragment(String typed) {
    return typed.strip().length() >= FRAGMENT_LENGTH;
  }

  /** Values starting with {@code typed}, in lower case. */
  public static String startsWith(String typed) {
    return escaped(typed) + "%";
  }

  /** Values holding {@code typed} anywhere, in lower case. */
  public static String contains(String typed) {
    return "%" + escaped(typed) + "%";
  }

  /** Values holding {@code typed} anywhere when it is a fragment, else starting with it. */
  public static String search(String typed) {
    return fragment(typed) ? contains(typed) : startsWith(typed);
  }

  private static String escaped(String typed) {
    return typed
        .strip()
        .toLowerCase(Locale.ROOT)
        .replace("\\", "\\\\")
        .replace("%", "\\%")
        .replace("_", "\\_");
  }
}
