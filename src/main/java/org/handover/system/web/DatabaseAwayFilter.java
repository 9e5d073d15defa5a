package org.handover.system.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.handover.system.DatabaseUnavailable;
import org.handover.system.PrimaryPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The edge for what fails outside the controllers when the database goes away: loading or saving
 * the web session, checking an API signature, signing in. Outermost of the filters (outside Spring
 * Session's), it turns such a failure into a 503 with {@code Retry-After} (the error page then
 * answers in the API's shape or as the panel's try-again page), never the container's 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseAwayFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(DatabaseAwayFilter.class);

  private final PrimaryPool pool;

  DatabaseAwayFilter(PrimaryPool pool) {
    this.pool = pool;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (!DatabaseUnavailable.causes(e) || response.isCommitted()) {
        throw e;
      }
      pool.dropConnectionsAfter(e);
      log.warn(
          "{} {} answered 503: the database went away ({})",
          request.getMethod(),
          request.getRequestURI(),
          e.toString());
      response.reset();
      response.setHeader(
          HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }
  }
}
