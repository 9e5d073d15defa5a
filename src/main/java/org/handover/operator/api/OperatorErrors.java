package org.handover.operator.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.handover.apiauth.ApiErrors;
import org.handover.apiauth.ApiLanguage;
import org.handover.system.DatabaseUnavailable;
import org.handover.system.HandoverException;
import org.handover.system.PrimaryPool;
import org.handover.system.RejectedByDatabase;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Operator API errors, in the same {@code {"class","message"}} shape as the customer API. */
@RestControllerAdvice(annotations = OperatorApi.class)
class OperatorErrors {

  private final PrimaryPool pool;

  OperatorErrors(PrimaryPool pool) {
    this.pool = pool;
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<Map<String, String>> rejected(DataIntegrityViolationException e) {
    return refused(new RejectedByDatabase(e));
  }

  @ExceptionHandler({DataAccessException.class, TransactionException.class})
  ResponseEntity<Map<String, String>> database(RuntimeException e) {
    DatabaseUnavailable away = DatabaseUnavailable.of(e).orElseThrow(() -> e);
    pool.dropConnectionsAfter(e);
    return refused(away);
  }

  @ExceptionHandler(HandoverException.class)
  ResponseEntity<Map<String, String>> refused(HandoverException e) {
    return ApiErrors.refusal(e);
  }

  @ExceptionHandler(ApiErrors.ApiException.class)
  ResponseEntity<Map<String, String>> api(ApiErrors.ApiException e, HttpServletRequest request) {
    return ApiErrors.body(e.status(), e.errorCode(), e.message(ApiLanguage.of(request)));
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
