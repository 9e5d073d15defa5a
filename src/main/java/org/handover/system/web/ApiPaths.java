package org.handover.system.web;

/**
 * Which paths are API calls (answered in the API's JSON error shape) rather than pages: the
 * customer API ({@code /1.0}, alias {@code /v1}; {@code /v2} for the IAM calls) and the operator
 * API ({@code /operator/}, except the staff console's pages under {@code /operator/console}).
 */
public final class ApiPaths {

  private ApiPaths() {}

  /** Whether {@code path} (without the context path) is a call to one of the APIs. */
  public static boolean isApi(String path) {
    return path.equals("/1.0")
        || path.equals("/v1")
        || path.equals("/v2")
        || path.startsWith("/1.0/")
        || path.startsWith("/v1/")
        || path.startsWith("/v2/")
        || (path.startsWith("/operator/")
            && !path.equals("/operator/console")
            && !path.startsWith("/operator/console/"));
  }
}
