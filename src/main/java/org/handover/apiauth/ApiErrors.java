package org.handover.apiauth;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.handover.system.HandoverException;
import org.handover.system.web.Statuses;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of the customer API, as the reference API writes them: an HTTP status and {@code
 * {"class":"Client::NotFound","message":"…"}} with a specific message.
 */
@RestControllerAdvice(annotations = OvhApi.class)
public class ApiErrors {

  /** A refusal at the API edge (authentication, signature, request shape). */
  public static class ApiException extends RuntimeException {
    private final HttpStatus status;

    ApiException(HttpStatus status, String message) {
      super(message);
      this.status = status;
    }

    public HttpStatus status() {
      return status;
    }
  }

  /** 400 Client::BadRequest. */
  public static final class BadRequest extends ApiException {
    public BadRequest(String message) {
      super(HttpStatus.BAD_REQUEST, message);
    }
  }

  /** 403 Client::Forbidden. */
  public static final class Forbidden extends ApiException {
    public Forbidden(String message) {
      super(HttpStatus.FORBIDDEN, message);
    }
  }

  /** 401 Client::Unauthorized. */
  public static final class Unauthorized extends ApiException {
    public Unauthorized(String message) {
      super(HttpStatus.UNAUTHORIZED, message);
    }
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Map<String, String>> api(ApiException e) {
    return body(e.status(), e.getMessage());
  }

  @ExceptionHandler(HandoverException.class)
  ResponseEntity<Map<String, String>> refused(HandoverException e) {
    return body(Statuses.of(e.kind()), e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
    String detail = e.getMostSpecificCause().getMessage();
    if (detail != null && detail.length() > 300) {
      detail = detail.substring(0, 300);
    }
    return body(
        HttpStatus.BAD_REQUEST, "The request body is not valid JSON for this call: " + detail);
  }

  @ExceptionHandler({
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class,
    HttpMediaTypeNotSupportedException.class
  })
  ResponseEntity<Map<String, String>> badParameter(Exception e) {
    return body(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, String>> method(HttpRequestMethodNotSupportedException e) {
    return body(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage());
  }

  /** An error answer in the reference API's shape. */
  public static ResponseEntity<Map<String, String>> body(HttpStatus status, String message) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(json(status, message));
  }

  static Map<String, String> json(HttpStatus status, String message) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("class", errorClass(status));
    body.put("message", message);
    return body;
  }

  static String errorClass(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> "Client::BadRequest";
      case UNAUTHORIZED -> "Client::Unauthorized";
      case FORBIDDEN -> "Client::Forbidden";
      case NOT_FOUND -> "Client::NotFound";
      case CONFLICT -> "Client::Conflict";
      case METHOD_NOT_ALLOWED -> "Client::MethodNotAllowed";
      case PAYLOAD_TOO_LARGE -> "Client::BadRequest::PayloadTooLarge";
      case TOO_MANY_REQUESTS -> "Client::TooManyRequests";
      default -> status.is4xxClientError() ? "Client::BadRequest" : "Server::InternalServerError";
    };
  }

  /** Writes an error outside Spring MVC (from an authentication filter). */
  public static void write(HttpServletResponse response, HttpStatus status, String message)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(
            "{\"class\":\""
                + errorClass(status)
                + "\",\"message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}");
  }
}
