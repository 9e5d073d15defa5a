package org.handover.system.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The one check of a redirect target that comes from input (a {@code continue} parameter, a
 * Referer): only a path of this site leaves it. Refused: anything not starting with one {@code /}
 * ({@code //host}, {@code /\host}, schemes), backslashes, whitespace and control characters (a
 * browser drops {@code TAB}, {@code CR} and {@code LF}, turning {@code /\t/evil.example} into
 * {@code //evil.example}), characters outside printable ASCII, and the same in percent-encoded
 * form, however often encoded. Also builds redirects whose input is never read as a URI template.
 */
public final class Redirects {

  /** Where a refused target leads instead. */
  public static final String HOME = "/account/contacts/services";

  private static final int MAX_LENGTH = 2000;
  private static final int MAX_DECODINGS = 4;
  private static final String PROBE_HOST = "probe.invalid";

  private Redirects() {}

  /** The target when it is a path of this site, else {@link #HOME}. */
  public static String localPath(String target) {
    return isLocalPath(target) ? target : HOME;
  }

  /** Whether the target is a path of this site, in every decoding of it. */
  public static boolean isLocalPath(String target) {
    if (target == null || target.isEmpty() || target.length() > MAX_LENGTH) {
      return false;
    }
    if (!isPlainLocalPath(target, true)) {
      return false;
    }
    String form = target;
    for (int i = 0; i < MAX_DECODINGS; i++) {
      if (!isPlainLocalPath(form, false)) {
        return false;
      }
      String decoded = decode(form);
      if (decoded == null) {
        return false;
      }
      if (decoded.equals(form)) {
        return staysOnSite(target);
      }
      form = decoded;
    }
    return false; // encoded more deeply than any honest link
  }

  /**
   * One form of the target: a single leading slash, no backslash, no control character; as sent
   * ({@code raw}) also no space and nothing outside printable ASCII, which a link encodes.
   */
  private static boolean isPlainLocalPath(String s, boolean raw) {
    if (!s.startsWith("/") || (s.length() > 1 && (s.charAt(1) == '/' || s.charAt(1) == '\\'))) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F || c == '\\' || Character.isISOControl(c)) {
        return false;
      }
      if (raw && (c == ' ' || c > 0x7E)) {
        return false;
      }
    }
    return true;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  private static boolean staysOnSite(String path) {
    try {
      URI uri = new URI("https://" + PROBE_HOST + path);
      return PROBE_HOST.equals(
              uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT))
          && uri.getRawUserInfo() == null;
    } catch (URISyntaxException malformed) {
      return false;
    }
  }

  /** A redirect to a path of this site with one query parameter, the value encoded. */
  public static String withQuery(String path, String name, String value) {
    return UriComponentsBuilder.fromPath(path)
        .queryParam(name, value)
        .build()
        .encode()
        .toUriString();
  }

  /**
   * The view for a {@code redirect:} view name: relative to the context, and never expanded as a
   * URI template (a {@code {x}} that came from input stays as it is), answered 302 like before.
   */
  static View view(String url) {
    RedirectView view = new RedirectView(url, true, true);
    view.setExpandUriTemplateVariables(false);
    return view;
  }
}
