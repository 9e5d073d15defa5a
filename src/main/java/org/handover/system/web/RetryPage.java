package org.handover.system.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.handover.system.DatabaseUnavailable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * The panel's and console's answer when the database went away under a request: 503 with {@code
 * Retry-After}, a page that says nothing was changed and to try again, and for a form the same form
 * again (its fields kept, passwords to be typed again), so nothing the customer typed is lost.
 */
public final class RetryPage {

  private RetryPage() {}

  /** A field of the form to send again. */
  public record Field(String name, String value) {}

  public static ModelAndView of(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader(
        HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
    ModelAndView page = new ModelAndView("error/unavailable", HttpStatus.SERVICE_UNAVAILABLE);
    page.addObject("status", HttpStatus.SERVICE_UNAVAILABLE.value());
    page.addObject("retryAfter", DatabaseUnavailable.RETRY_AFTER_SECONDS);
    boolean form = "POST".equals(request.getMethod()) && !isMultipart(request);
    page.addObject("form", form);
    page.addObject("again", target(request));
    List<Field> kept = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    if (form) {
      for (Map.Entry<String, String[]> field : request.getParameterMap().entrySet()) {
        if (isSecret(field.getKey())) {
          secrets.add(field.getKey());
          continue;
        }
        for (String value : field.getValue()) {
          kept.add(new Field(field.getKey(), value));
        }
      }
    }
    page.addObject("fields", kept);
    page.addObject("secrets", secrets);
    return page;
  }

  /** Where to send the request again: the same path and query it had. */
  private static String target(HttpServletRequest request) {
    Object forwarded = request.getAttribute("jakarta.servlet.error.request_uri");
    String path = forwarded != null ? forwarded.toString() : request.getRequestURI();
    String query = request.getQueryString();
    return query == null || forwarded != null ? path : path + "?" + query;
  }

  /** A password is never written back into a page: the customer types it again. */
  private static boolean isSecret(String name) {
    return name.toLowerCase(Locale.ROOT).contains("password");
  }

  private static boolean isMultipart(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
  }
}
