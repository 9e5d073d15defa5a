package org.handover.mail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The panel's public base URL ({@code handover.public-base-url}, no trailing slash) for links. */
public record PanelUrl(String base) {

  public PanelUrl {
    base = base.replaceAll("/+$", "");
  }

  /** The address of a page of the panel; {@code path} starts with a slash. */
  public String to(String path) {
    return base + path;
  }

  /** A value encoded for a query parameter or a path segment of a link. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
