package org.handover.apiauth;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One access rule of a credential: a method and a path pattern where {@code *} matches anything.
 */
public record AccessRule(String method, String path) {

  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");
  private static final int MAX_PATH = 500;

  /** A rule as the API receives it; throws {@link ApiErrors.BadRequest} when malformed. */
  public static AccessRule of(String method, String path) {
    String m = method == null ? "" : method.strip().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(m) || path == null || !path.startsWith("/") || path.length() > MAX_PATH) {
      throw new ApiErrors.BadRequest(
          "api.error.accessRule", shortened(method), shortened(path), MAX_PATH);
    }
    return new AccessRule(m, path.strip());
  }

  private static String shortened(String text) {
    return text == null ? "—" : text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }

  /** Whether this rule grants a call; {@code path} is relative to the API root, without query. */
  public boolean grants(String callMethod, String callPath) {
    if (!method.equals(callMethod)) {
      return false;
    }
    StringBuilder regex = new StringBuilder();
    for (String part : path.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.matches(regex.toString(), callPath);
  }
}
