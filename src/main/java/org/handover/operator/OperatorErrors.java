package org.handover.operator;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.handover.apiauth.ApiErrors;
import org.handover.system.HandoverException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Operator API errors, in the same {@code {"class","message"}} shape as the customer API. */
@RestControllerAdvice(annotations = OperatorApi.class)
class OperatorErrors {

  /** A malformed operator request. */
  static final class Invalid extends HandoverException {
    Invalid(String field) {
      super(Kind.BAD_REQUEST, "operator.invalid", field);
    }
  }

  @ExceptionHandler(HandoverException.class)
  ResponseEntity<Map<String, String>> refused(HandoverException e) {
    HttpStatus status =
        switch (e.kind()) {
          case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case CONFLICT -> HttpStatus.CONFLICT;
          case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
        };
    return ApiErrors.body(status, e.getMessage());
  }

  @ExceptionHandler(ApiErrors.ApiException.class)
  ResponseEntity<Map<String, String>> api(ApiErrors.ApiException e) {
    return ApiErrors.body(e.status(), e.getMessage());
  }

  @ExceptionHandler({
    HttpMessageNotReadableException.class,
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class,
    IllegalArgumentException.class
  })
  ResponseEntity<Map<String, String>> unreadable(Exception e) {
    String message = e.getMessage() == null ? "Malformed request" : e.getMessage();
    return ApiErrors.body(
        HttpStatus.BAD_REQUEST, message.length() > 300 ? message.substring(0, 300) : message);
  }

  static void write(HttpServletResponse response, int status, String cls, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write("{\"class\":\"" + cls + "\",\"message\":\"" + message + "\"}");
  }
}
