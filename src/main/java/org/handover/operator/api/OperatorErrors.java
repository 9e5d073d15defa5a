package org.handover.operator.api;

import java.util.Map;
import org.handover.apiauth.ApiErrors;
import org.handover.system.HandoverException;
import org.handover.system.RejectedByDatabase;
import org.handover.system.web.Statuses;
import org.springframework.dao.DataIntegrityViolationException;
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

  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<Map<String, String>> rejected(DataIntegrityViolationException e) {
    return refused(new RejectedByDatabase(e));
  }

  @ExceptionHandler(HandoverException.class)
  ResponseEntity<Map<String, String>> refused(HandoverException e) {
    return ApiErrors.body(Statuses.of(e.kind()), e.getMessage());
  }

  @ExceptionHandler(ApiErrors.ApiException.class)
  ResponseEntity<Map<String, String>> api(ApiErrors.ApiException e) {
    return ApiErrors.body(e.status(), e.errorCode(), e.getMessage());
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
}
