package org.handover.operator.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.handover.apiauth.ApiAdvice;
import org.handover.apiauth.ApiErrors;
import org.handover.system.PrimaryPool;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Operator API errors, answered as the customer API's ({@link ApiAdvice}): same shape, same
 * caller's language.
 */
@RestControllerAdvice(annotations = OperatorApi.class)
class OperatorErrors extends ApiAdvice {

  OperatorErrors(PrimaryPool pool) {
    super(pool);
  }

  /**
   * A value a lower layer refused without a message of its own (none is known to reach here; a 400
   * rather than a 500 if one does).
   */
  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> invalid(
      IllegalArgumentException e, HttpServletRequest request) {
    return api(ApiErrors.of(HttpStatus.BAD_REQUEST, null, "api.error.invalidValue"), request);
  }
}
