package org.handover.apiauth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.handover.system.DatabaseUnavailable;
import org.handover.system.HandoverException;
import org.handover.system.PrimaryPool;
import org.handover.system.RejectedByDatabase;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The one place where an API refusal becomes its answer, for the customer API ({@link ApiErrors})
 * and the operator API alike: the reference's status, {@code class} and {@code errorCode}, and the
 * message (a key and arguments of the bundles) in the caller's {@link ApiLanguage}.
 */
public abstract class ApiAdvice {

  private final PrimaryPool pool;

  protected ApiAdvice(PrimaryPool pool) {
    this.pool = pool;
  }

  @ExceptionHandler(ApiErrors.ApiException.class)
  protected ResponseEntity<Map<String, String>> api(
      ApiErrors.ApiException e, HttpServletRequest request) {
    return ApiErrors.answer(e, ApiLanguage.of(request));
  }

  /** What Spring MVC refuses around a handler, in the API's words ({@link RequestRefusals}). */
  @ExceptionHandler({
    HttpMessageNotReadableException.class,
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class,
    HttpMediaTypeNotSupportedException.class,
    HttpMediaTypeNotAcceptableException.class,
    HttpRequestMethodNotSupportedException.class
  })
  ResponseEntity<Map<String, String>> request(Exception e, HttpServletRequest request) {
    return api(RequestRefusals.of(e, request).orElseThrow(), request);
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
}
