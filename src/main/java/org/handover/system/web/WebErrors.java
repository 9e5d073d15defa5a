package org.handover.system.web;

import java.util.Locale;
import org.handover.system.HandoverException;
import org.handover.system.RejectedByDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns refusals that reach a page controller into an error page in the panel's style, with the
 * status their kind implies and the message in the reader's language; never a stack trace.
 */
@ControllerAdvice(annotations = Controller.class)
class WebErrors {

  @ExceptionHandler(DataIntegrityViolationException.class)
  ModelAndView rejected(DataIntegrityViolationException e, Locale locale) {
    return refused(new RejectedByDatabase(e), locale);
  }

  @ExceptionHandler(HandoverException.class)
  ModelAndView refused(HandoverException e, Locale locale) {
    HttpStatus status = Statuses.of(e.kind());
    ModelAndView page = new ModelAndView("error/problem", status);
    page.addObject("status", status.value());
    page.addObject("message", e.message(locale));
    return page;
  }
}
