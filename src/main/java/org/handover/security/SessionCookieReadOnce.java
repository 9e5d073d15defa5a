package org.handover.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.stereotype.Component;

/**
 * Spring Session looks the requested session up once when a request starts and again when it saves
 * the session a second time at the end, after the answer has left (the first save came when the
 * page was flushed or the redirect sent). That second look-up is a database read per page; when the
 * database has just gone away it fails after the answer's first bytes, and the person gets a page
 * cut off in the middle. Here the session cookie is read once per request, so the end of a request
 * no longer reads the database: the session in hand is saved (see {@link CoarseSessionAccess}).
 */
@Component
class SessionCookieReadOnce implements BeanPostProcessor {

  private final ObjectProvider<CookieSerializer> cookies;

  SessionCookieReadOnce(ObjectProvider<CookieSerializer> cookies) {
    this.cookies = cookies;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof SessionRepositoryFilter<?> filter) {
      CookieHttpSessionIdResolver cookie = new CookieHttpSessionIdResolver();
      cookies.ifAvailable(cookie::setCookieSerializer);
      filter.setHttpSessionIdResolver(new Once(cookie));
    }
    return bean;
  }

  /**
   * The cookie's session IDs the first time Spring Session's request asks, none after. The mark
   * names the asking request itself, so an error page's own dispatch (a new request wrapper) reads
   * the cookie again.
   */
  record Once(HttpSessionIdResolver cookie) implements HttpSessionIdResolver {

    private static final String READ_BY = Once.class.getName() + ".readBy";

    @Override
    public List<String> resolveSessionIds(HttpServletRequest request) {
      if (request.getAttribute(READ_BY) == request) {
        return List.of();
      }
      request.setAttribute(READ_BY, request);
      return cookie.resolveSessionIds(request);
    }

    @Override
    public void setSessionId(
        HttpServletRequest request, HttpServletResponse response, String sessionId) {
      cookie.setSessionId(request, response, sessionId);
    }

    @Override
    public void expireSession(HttpServletRequest request, HttpServletResponse response) {
      cookie.expireSession(request, response);
    }
  }
}
