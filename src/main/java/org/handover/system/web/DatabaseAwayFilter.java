package org.handover.system.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.handover.system.DatabaseUnavailable;
import org.handover.system.Language;
import org.handover.system.PrimaryPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

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

  /** Bytes a response holds before it is sent; larger answers (exports) stream past it. */
  static final int PAGE_BUFFER_BYTES = 256 * 1024;

  private final PrimaryPool pool;
  private final PageModel layout;
  private final ObjectProvider<ThymeleafViewResolver> views;

  DatabaseAwayFilter(
      PrimaryPool pool, PageModel layout, ObjectProvider<ThymeleafViewResolver> views) {
    this.pool = pool;
    this.layout = layout;
    this.views = views;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // Spring Session saves the web session when the response commits: with a buffer that holds a
    // whole page, that save (and its failure) comes before the first byte leaves, so a page is
    // answered whole or with a 503, never cut off in the middle
    response.setBufferSize(PAGE_BUFFER_BYTES);
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
      if (ApiPaths.isApi(request.getRequestURI().substring(request.getContextPath().length()))) {
        // the error page writes the API's shape; it needs no session
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      } else {
        retryPage(request, response);
      }
    }
  }

  /**
   * The panel's try-again page, rendered here rather than by the error page: this request is the
   * container's own, outside Spring Session, so nothing on the way reads the web session (which
   * lives in the database that is away).
   */
  private void retryPage(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    ModelAndView page = RetryPage.of(request, response);
    ExtendedModelMap model = new ExtendedModelMap();
    layout.addTo(model, request, null);
    model.addAllAttributes(page.getModel());
    Locale locale = Language.of(request.getLocale().getLanguage()).locale();
    try {
      View view = views.getObject().resolveViewName(page.getViewName(), locale);
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
      response.setLocale(locale);
      view.render(model, request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ServletException(e);
    }
  }
}
