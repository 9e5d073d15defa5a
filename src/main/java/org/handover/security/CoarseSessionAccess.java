package org.handover.security;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.handover.system.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Spares the session table a write on every request. Spring Session stamps each request's time on
 * the session, which makes the JDBC repository rewrite its row even when nothing else changed; here
 * the stamp is kept only when the stored one is at least {@link #GRANULARITY} old. Attributes (the
 * security context, the CSRF token) are written as before, when they change. The price: a session
 * may end up to {@link #GRANULARITY} before its timeout, and "last use" on the security page is
 * that coarse.
 *
 * <p>A save that fails because the database went away (a failover) is logged and skipped: it comes
 * after the request did its work and built its answer, which is then sent whole and true. The
 * session keeps what was saved before (at worst the person is asked to sign in again); a 503 here
 * would tell them nothing was changed when it was, or cut off a page already on its way.
 */
@Component
class CoarseSessionAccess implements BeanPostProcessor {

  private static final Logger log = LoggerFactory.getLogger(CoarseSessionAccess.class);

  static final Duration GRANULARITY = Duration.ofMinutes(1);

  private final ObjectProvider<SessionEpochRepository> epochs;
  private final ObjectProvider<SessionCacheSettings> settings;

  CoarseSessionAccess(
      ObjectProvider<SessionEpochRepository> epochs,
      ObjectProvider<SessionCacheSettings> settings) {
    this.epochs = epochs;
    this.settings = settings;
  }

  /** The JDBC store, behind the near cache ({@link NearSessions}) unless its size is 0. */
  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof JdbcIndexedSessionRepository jdbc)) {
      return bean;
    }
    SessionCacheSettings cache = settings.getObject();
    return cache.nearCacheSize() == 0
        ? new Sessions<>(jdbc)
        : new Sessions<>(new NearSessions<>(jdbc, epochs.getObject(), cache));
  }

  /** The session repository, handing out sessions whose access time is kept coarsely. */
  static final class Sessions<S extends Session>
      implements FindByIndexNameSessionRepository<CoarseSession<S>> {

    private final FindByIndexNameSessionRepository<S> delegate;

    Sessions(FindByIndexNameSessionRepository<S> delegate) {
      this.delegate = delegate;
    }

    @Override
    public CoarseSession<S> createSession() {
      return new CoarseSession<>(delegate.createSession());
    }

    @Override
    public void save(CoarseSession<S> session) {
      try {
        delegate.save(session.delegate);
      } catch (RuntimeException e) {
        if (!DatabaseUnavailable.causes(e)) {
          throw e;
        }
        log.warn("A web session was not saved: the database went away ({})", e.toString());
      }
    }

    @Override
    public CoarseSession<S> findById(String id) {
      S found = delegate.findById(id);
      return found == null ? null : new CoarseSession<>(found);
    }

    @Override
    public void deleteById(String id) {
      delegate.deleteById(id);
    }

    @Override
    public Map<String, CoarseSession<S>> findByIndexNameAndIndexValue(String name, String value) {
      Map<String, CoarseSession<S>> found = new LinkedHashMap<>();
      delegate
          .findByIndexNameAndIndexValue(name, value)
          .forEach((id, s) -> found.put(id, new CoarseSession<>(s)));
      return found;
    }
  }

  /** A stored session whose access time moves only in steps of {@link #GRANULARITY}. */
  static final class CoarseSession<S extends Session> implements Session {

    private final S delegate;

    CoarseSession(S delegate) {
      this.delegate = delegate;
    }

    @Override
    public void setLastAccessedTime(Instant time) {
      if (Duration.between(delegate.getLastAccessedTime(), time).compareTo(GRANULARITY) >= 0) {
        delegate.setLastAccessedTime(time);
      }
    }

    @Override
    public String getId() {
      return delegate.getId();
    }

    @Override
    public String changeSessionId() {
      return delegate.changeSessionId();
    }

    @Override
    public <T> T getAttribute(String name) {
      return delegate.getAttribute(name);
    }

    @Override
    public Set<String> getAttributeNames() {
      return delegate.getAttributeNames();
    }

    @Override
    public void setAttribute(String name, Object value) {
      delegate.setAttribute(name, value);
    }

    @Override
    public void removeAttribute(String name) {
      delegate.removeAttribute(name);
    }

    @Override
    public Instant getCreationTime() {
      return delegate.getCreationTime();
    }

    @Override
    public Instant getLastAccessedTime() {
      return delegate.getLastAccessedTime();
    }

    @Override
    public void setMaxInactiveInterval(Duration interval) {
      delegate.setMaxInactiveInterval(interval);
    }

    @Override
    public Duration getMaxInactiveInterval() {
      return delegate.getMaxInactiveInterval();
    }

    @Override
    public boolean isExpired() {
      return delegate.isExpired();
    }
  }
}
