package org.handover.apiauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the browser goes after a customer validates a consumer key: an absolute {@code http} or
 * {@code https} URL with a host and without user information (so that what the page shows is where
 * it goes), at most 1,000 characters. Only the URL stored with the credential is ever followed.
 */
public record Redirection(String url, String origin) {

  static final int MAX = 1_000;

  /** The redirection an application asked for, or {@link ApiErrors.BadRequest}. */
  static Redirection parse(String url) {
    if (url == null || url.length() > MAX || url.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw refused();
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw refused();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null) {
      throw refused();
    }
    String origin =
        scheme
            + "://"
            + uri.getHost().toLowerCase(Locale.ROOT)
            + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    return new Redirection(url, origin);
  }

  /**
   * The redirection stored with a credential, or null when there is none or it no longer passes
   * {@link #parse} (stored before the rule was this strict): then the browser stays on the panel.
   */
  static Redirection stored(String url) {
    if (url == null) {
      return null;
    }
    try {
      return parse(url);
    } catch (ApiErrors.BadRequest tooLoose) {
      return null;
    }
  }

  private static ApiErrors.BadRequest refused() {
    return new ApiErrors.BadRequest("api.error.redirection");
  }
}
