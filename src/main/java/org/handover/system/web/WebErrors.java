package org.handover.system.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.handover.system.DatabaseUnavailable;
import org.handover.system.HandoverException;
import org.handover.system.PrimaryPool;
import org.handover.system.RejectedByDatabase;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns refusals that reach a page controller (panel and console) into an error page in the panel's
 * style, with the status their kind implies and the message in the reader's language; never a stack
 * trace. The database going away (a failover) is a 503 page that keeps the form.
 */
@ControllerAdvice(annotations = Controller.class)
class WebErrors {

  private final PrimaryPool pool;
  private final PageLayout layout;

  WebErrors(PrimaryPool pool, List<LayoutModel> layout) {
    this.pool = pool;
    this.layout = new PageLayout(layout);
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ModelAndView rejected(
      DataIntegrityViolationException e,
      Locale locale,
      HttpServletRequest request,
      HttpServletResponse response) {
    return refused(new RejectedByDatabase(e), locale, request, response);
  }

  @ExceptionHandler({DataAccessException.class, TransactionException.class})
  ModelAndView database(
      RuntimeException e, Locale locale, HttpServletRequest request, HttpServletResponse response) {
    DatabaseUnavailable away = DatabaseUnavailable.of(e).orElseThrow(() -> e);
    pool.dropConnectionsAfter(e);
    return refused(away, locale, request, response);
  }

  @ExceptionHandler(HandoverException.class)
  ModelAndView refused(
      HandoverException e,
      Locale locale,
      HttpServletRequest request,
      HttpServletResponse response) {
    if (e.kind() == HandoverException.Kind.UNAVAILABLE) {
      return RetryPage.of(request, response);
    }
    HttpStatus status = Statuses.of(e.kind());
    ModelAndView page = new ModelAndView("error/problem", status);
    page.addObject("status", status.value());
    page.addObject("message", e.message(locale));
    layout.fillRefusal(page, request);
    return page;
  }
}
