package org.handover.system.web;

/**
 * The panel's Content-Security-Policy: everything from the panel itself, forms posted only to it.
 * One page may let its form lead on to one more origin (the consumer-key validation page, to the
 * application's redirection), by setting the header itself; the security filter leaves a header
 * already set alone.
 */
public final class ContentSecurityPolicy {

  public static final String HEADER = "Content-Security-Policy";

  /** The policy of every page. */
  public static final String PANEL = withFormAction("'self'");

  private ContentSecurityPolicy() {}

  /**
   * The panel's policy, where a form may also lead to {@code origin} ({@code
   * scheme://host[:port]}).
   */
  public static String formsAlsoTo(String origin) {
    return withFormAction("'self' " + origin);
  }

  private static String withFormAction(String sources) {
    return "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
        + " frame-ancestors 'none'; form-action "
        + sources
        + "; base-uri 'self'; object-src 'none'";
  }
}
