package org.handover.apiauth.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.handover.apiauth.ApiErrors;
import org.handover.apiauth.ApiLanguage;
import org.handover.apiauth.RequestRefusals;
import org.handover.system.DatabaseUnavailable;
import org.handover.system.web.ApiPaths;
import org.handover.system.web.RetryPage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * The container's own errors (Tomcat's 400s, Spring Security's firewall, anything that reaches
 * {@code /error}) in the API's error shape for the customer and operator APIs; the panel keeps its
 * error pages. The message is in the caller's language and never carries an exception's text.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ApiErrorPages extends BasicErrorController {

  private final ErrorAttributes errors;

  ApiErrorPages(
      ErrorAttributes attributes, WebProperties web, ObjectProvider<ErrorViewResolver> resolvers) {
    super(attributes, web.getError(), resolvers.orderedStream().toList());
    this.errors = attributes;
  }

  @Override
  public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
    notFoundWhenAskedDirectly(request);
    HttpStatus status = getStatus(request);
    if (!isApi(request)) {
      return status == HttpStatus.SERVICE_UNAVAILABLE
          ? RetryPage.of(request, response)
          : super.errorHtml(request, response);
    }
    try {
      queryId(request, response);
      ApiErrors.write(response, status, null, message(request, status));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return null;
  }

  @Override
  public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    notFoundWhenAskedDirectly(request);
    if (!isApi(request)) {
      return super.error(request);
    }
    HttpStatus status = getStatus(request);
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current
        && current.getResponse() != null) {
      queryId(request, current.getResponse());
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(new LinkedHashMap<>(ApiErrors.json(status, null, message(request, status))));
  }

  /**
   * {@code GET /error} typed in directly is no failed request: it is a page that does not exist
   * (404), never a 500 for want of an error to report.
   */
  private static void notFoundWhenAskedDirectly(HttpServletRequest request) {
    if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
      request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpStatus.NOT_FOUND.value());
      request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
    }
  }

  /** Whether the failed request was a call to the customer or operator API. */
  static boolean isApi(HttpServletRequest request) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri == null ? "" : uri.toString().substring(request.getContextPath().length());
    return ApiPaths.isApi(path);
  }

  private static void queryId(HttpServletRequest request, HttpServletResponse response) {
    if (response.getHeader("X-Ovh-QueryID") == null) {
      response.setHeader("X-Ovh-QueryID", "HO-" + UUID.randomUUID());
    }
  }

  /**
   * The message in the caller's language: what the failed request was refused for when Spring MVC
   * says it ({@link RequestRefusals}), else what the status means; never an exception's text.
   */
  private String message(HttpServletRequest request, HttpStatus status) {
    Locale language = ApiLanguage.of(request);
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      return DatabaseUnavailable.text(language);
    }
    Throwable error = errors.getError(new ServletWebRequest(request));
    ApiErrors.ApiException refusal =
        error == null || status.is5xxServerError()
            ? null
            : RequestRefusals.of(error, request).orElse(null);
    return (refusal == null ? RequestRefusals.ofStatus(status, request) : refusal)
        .message(language);
  }
}
