package org.handover.apiauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.handover.system.DatabaseUnavailable;
import org.handover.system.HandoverException;
import org.handover.system.PrimaryPool;
import org.handover.system.web.Statuses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the customer API, as the reference API writes them: an HTTP status and {@code
 * {"class":"Client::NotFound","errorCode":"…","httpCode":"404 Not Found","message":"…"}} with a
 * specific message. The official clients pick their exception from {@code errorCode} (python-ovh:
 * {@code INVALID_KEY}, {@code INVALID_CREDENTIAL}, {@code NOT_CREDENTIAL}, {@code
 * NOT_GRANTED_CALL}, {@code FORBIDDEN} on 403) and show {@code class}.
 */
@RestControllerAdvice(annotations = OvhApi.class)
public class ApiErrors extends ApiAdvice {

  ApiErrors(PrimaryPool pool) {
    super(pool);
  }

  /**
   * A refusal at the API edge (authentication, signature, request shape): its reference status and
   * {@code errorCode}, and its message as a key and arguments of the bundles, written in the
   * caller's {@link ApiLanguage} by the handler that answers (never at the call site). A page
   * controller that lets one through answers it as any other {@link HandoverException}.
   */
  public static class ApiException extends HandoverException {
    private final HttpStatus status;
    private final String errorCode;

    ApiException(HttpStatus status, String errorCode, String key, Object... args) {
      super(kindOf(status), key, args);
      this.status = status;
      this.errorCode = errorCode == null ? defaultCode(status) : errorCode;
    }

    public HttpStatus status() {
      return status;
    }

    /** The reference API's {@code errorCode}, e.g. {@code INVALID_SIGNATURE}. */
    public String errorCode() {
      return errorCode;
    }

    private static Kind kindOf(HttpStatus status) {
      return switch (status) {
        case FORBIDDEN, UNAUTHORIZED -> Kind.FORBIDDEN;
        case NOT_FOUND -> Kind.NOT_FOUND;
        case CONFLICT -> Kind.CONFLICT;
        case TOO_MANY_REQUESTS -> Kind.TOO_MANY_REQUESTS;
        case SERVICE_UNAVAILABLE -> Kind.UNAVAILABLE;
        default -> Kind.BAD_REQUEST;
      };
    }
  }

  /** 400 Client::BadRequest: a message key of the bundles and its arguments. */
  public static final class BadRequest extends ApiException {
    public BadRequest(String key, Object... args) {
      super(HttpStatus.BAD_REQUEST, null, key, args);
    }
  }

  /** 403 Client::Forbidden: a message key of the bundles and its arguments. */
  public static final class Forbidden extends ApiException {
    public Forbidden(String key, Object... args) {
      super(HttpStatus.FORBIDDEN, null, key, args);
    }
  }

  /**
   * 400 for a value that names nothing known ({@code key}'s arguments: what was given, shortened,
   * and the accepted values).
   */
  public static BadRequest unknown(String key, String given, String accepted) {
    String shown = given == null ? "—" : given.length() > 60 ? given.substring(0, 60) + "…" : given;
    return new BadRequest(key, shown, accepted);
  }

  /** 403 INVALID_KEY: no application has this key. */
  public static ApiException invalidKey() {
    return of(HttpStatus.FORBIDDEN, "INVALID_KEY", "api.error.invalidKey");
  }

  /** 403 NOT_CREDENTIAL: the call carries no (complete) credential; {@code key} says which. */
  static ApiException notCredential(String key) {
    return of(HttpStatus.FORBIDDEN, "NOT_CREDENTIAL", key);
  }

  /** 403 INVALID_CREDENTIAL: unknown, not yet validated, expired or revoked consumer key. */
  static ApiException invalidCredential() {
    return of(HttpStatus.FORBIDDEN, "INVALID_CREDENTIAL", "api.error.invalidCredential");
  }

  /** 403 NOT_GRANTED_CALL: the credential's rules do not cover this call. */
  static ApiException notGranted(String method, String path) {
    return of(HttpStatus.FORBIDDEN, "NOT_GRANTED_CALL", "api.error.notGranted", method, path);
  }

  /** 400 INVALID_SIGNATURE. */
  static ApiException invalidSignature() {
    return of(HttpStatus.BAD_REQUEST, "INVALID_SIGNATURE", "api.error.signature");
  }

  /** 400 QUERY_TIME_OUT: the timestamp is missing, malformed or too far from the server time. */
  static ApiException queryTimeOut(String key, Object... args) {
    return of(HttpStatus.BAD_REQUEST, "QUERY_TIME_OUT", key, args);
  }

  /** An error of the API's own words; a null {@code errorCode} is the status's. */
  public static ApiException of(HttpStatus status, String errorCode, String key, Object... args) {
    return new ApiException(status, errorCode, key, args);
  }

  /** The answer to a refusal, its message in the given language. */
  public static ResponseEntity<Map<String, String>> answer(ApiException e, Locale language) {
    return body(e.status(), e.errorCode(), e.message(language));
  }

  /**
   * A refusal in the API's shape; a 503 (the database away) says when to try again ({@code
   * Retry-After}).
   */
  public static ResponseEntity<Map<String, String>> refusal(HandoverException e) {
    HttpStatus status = Statuses.of(e.kind());
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      answer.header(
          HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
    }
    return answer
        .contentType(MediaType.APPLICATION_JSON)
        .body(json(status, null, e.message(ApiLanguage.current())));
  }

  /** An error answer in the reference API's shape. */
  public static ResponseEntity<Map<String, String>> body(HttpStatus status, String message) {
    return body(status, null, message);
  }

  /** An error answer with a specific {@code errorCode} (null: the status's own). */
  public static ResponseEntity<Map<String, String>> body(
      HttpStatus status, String errorCode, String message) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(json(status, errorCode, message));
  }

  /** The error object: {@code class}, {@code errorCode}, {@code httpCode}, {@code message}. */
  public static Map<String, String> json(HttpStatus status, String errorCode, String message) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("class", errorClass(status));
    body.put("errorCode", errorCode == null ? defaultCode(status) : errorCode);
    body.put("httpCode", status.value() + " " + status.getReasonPhrase());
    body.put("message", message);
    return body;
  }

  /** The {@code errorCode} of a refusal that has no more specific one: the status's name. */
  static String defaultCode(HttpStatus status) {
    return status.name();
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
      case SERVICE_UNAVAILABLE -> "Server::ServiceUnavailable";
      default -> status.is4xxClientError() ? "Client::BadRequest" : "Server::InternalServerError";
    };
  }

  /** Writes a refusal outside Spring MVC (from a filter), in the caller's language. */
  public static void write(
      HttpServletRequest request, HttpServletResponse response, ApiException refused)
      throws IOException {
    write(
        response, refused.status(), refused.errorCode(), refused.message(ApiLanguage.of(request)));
  }

  /** Writes an error answer outside Spring MVC; a null {@code errorCode} is the status's. */
  public static void write(
      HttpServletResponse response, HttpStatus status, String errorCode, String message)
      throws IOException {
    response.setStatus(status.value());
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      response.setHeader(
          HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
    }
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    StringBuilder out = new StringBuilder("{");
    json(status, errorCode, message)
        .forEach(
            (name, value) ->
                out.append(out.length() > 1 ? "," : "")
                    .append(quoted(name))
                    .append(':')
                    .append(quoted(value)));
    response.getWriter().write(out.append('}').toString());
  }

  private static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : String.valueOf(text).toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
