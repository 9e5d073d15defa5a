package org.handover.system.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.handover.system.DatabaseUnavailable;
import org.handover.system.PrimaryPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Reads retry on the new primary by themselves: a {@code GET} or {@code HEAD} whose handler failed
 * because the database went away (a failover) runs again, after the pool dropped every connection
 * it held (they lead to the dead or demoted node) and a short wait, while the response is still
 * unwritten. Writes are never repeated here: their edges answer 503 with {@code Retry-After}.
 */
@Configuration(proxyBeanMethods = false)
class RetryingReads {

  private static final Logger log = LoggerFactory.getLogger(RetryingReads.class);

  /** Tries of a read in all; the waits between them double from {@link #FIRST_WAIT}. */
  static final int ATTEMPTS = 4;

  static final Duration FIRST_WAIT = Duration.ofMillis(250);

  @Bean
  WebMvcRegistrations retryingReadsRegistration(ObjectProvider<PrimaryPool> pool) {
    return new WebMvcRegistrations() {
      @Override
      public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
        return new Adapter(pool);
      }

      // Boot takes one set of registrations only, so the mapping is registered here too
      @Override
      public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new LiteralPrefixMapping();
      }
    };
  }

  /** Spring MVC's own adapter, which runs a safe request's handler again when the database left. */
  static final class Adapter extends RequestMappingHandlerAdapter {

    private final ObjectProvider<PrimaryPool> pool;

    Adapter(ObjectProvider<PrimaryPool> pool) {
      this.pool = pool;
    }

    @Override
    protected ModelAndView handleInternal(
        HttpServletRequest request, HttpServletResponse response, HandlerMethod handler)
        throws Exception {
      if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
        return super.handleInternal(request, response, handler);
      }
      Duration wait = FIRST_WAIT;
      for (int attempt = 1; ; attempt++) {
        try {
          return super.handleInternal(request, response, handler);
        } catch (Exception e) {
          if (attempt >= ATTEMPTS || response.isCommitted() || !DatabaseUnavailable.causes(e)) {
            throw e;
          }
          pool.getObject().dropConnectionsAfter(e);
          log.info(
              "{} {} failed with the database away (try {}), again in {} ms: {}",
              request.getMethod(),
              request.getRequestURI(),
              attempt,
              wait.toMillis(),
              e.toString());
        }
        response.resetBuffer();
        Thread.sleep(wait.toMillis());
        wait = wait.multipliedBy(2);
      }
    }
  }
}
