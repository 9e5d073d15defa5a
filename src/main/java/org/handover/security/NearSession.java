package org.handover.security;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.session.MapSession;
import org.springframework.session.Session;

/**
 * One request's view of a web session: read from what {@link NearSessions} keeps in memory until
 * something changes it, then from (and into) the stored session, read from the table at that first
 * change. A session ended meanwhile is not written back: the change stays in this request.
 *
 * <p>Each request gets its own attribute map and its own security context holding the kept
 * authentication, so that a request emptying its context (signing out) does not empty the context
 * of another request of the same session.
 */
final class NearSession<S extends Session> implements Session {

  private final NearSessions<S> sessions;
  private final NearSessions.Kept kept;
  private S stored;
  private MapSession ended;
  private Map<String, Object> read;
  private boolean contentsChanged;

  NearSession(NearSessions<S> sessions, NearSessions.Kept kept, S stored) {
    this.sessions = sessions;
    this.kept = kept;
    this.stored = stored;
  }

  NearSessions.Kept kept() {
    return kept;
  }

  /** The stored session to write, null when nothing was changed or the session ended meanwhile. */
  S stored() {
    return ended == null ? stored : null;
  }

  boolean contentsChanged() {
    return contentsChanged;
  }

  /** The session to change: the stored one, read at the first change. */
  private Session writable() {
    if (stored == null && ended == null) {
      stored = sessions.store.findById(kept.id());
      if (stored == null) {
        ended = new MapSession(kept.id());
        ended.setCreationTime(kept.created());
        ended.setLastAccessedTime(kept.lastAccess());
        ended.setMaxInactiveInterval(kept.maxInactive());
        attributes().forEach(ended::setAttribute);
      }
    }
    return ended != null ? ended : stored;
  }

  private Map<String, Object> attributes() {
    if (read == null) {
      read = new HashMap<>(kept.attributes());
      read.replaceAll(
          (name, value) ->
              value instanceof SecurityContext context
                  ? new SecurityContextImpl(context.getAuthentication())
                  : value);
    }
    return read;
  }

  private boolean fromMemory() {
    return stored == null && ended == null;
  }

  @Override
  public String getId() {
    return fromMemory() ? kept.id() : writable().getId();
  }

  @Override
  public String changeSessionId() {
    contentsChanged = true;
    return writable().changeSessionId();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getAttribute(String name) {
    return fromMemory() ? (T) attributes().get(name) : writable().getAttribute(name);
  }

  @Override
  public Set<String> getAttributeNames() {
    return fromMemory() ? Set.copyOf(attributes().keySet()) : writable().getAttributeNames();
  }

  @Override
  public void setAttribute(String name, Object value) {
    if (value == null) {
      removeAttribute(name);
      return;
    }
    contentsChanged = true;
    writable().setAttribute(name, value);
  }

  @Override
  public void removeAttribute(String name) {
    if (fromMemory() && !attributes().containsKey(name)) {
      return; // nothing to remove: no need to read the stored session
    }
    contentsChanged = true;
    writable().removeAttribute(name);
  }

  @Override
  public Instant getCreationTime() {
    return fromMemory() ? kept.created() : writable().getCreationTime();
  }

  @Override
  public void setLastAccessedTime(Instant time) {
    writable().setLastAccessedTime(time);
  }

  @Override
  public Instant getLastAccessedTime() {
    return fromMemory() ? kept.lastAccess() : writable().getLastAccessedTime();
  }

  @Override
  public void setMaxInactiveInterval(Duration interval) {
    if (fromMemory() && interval.equals(kept.maxInactive())) {
      return;
    }
    contentsChanged = true;
    writable().setMaxInactiveInterval(interval);
  }

  @Override
  public Duration getMaxInactiveInterval() {
    return fromMemory() ? kept.maxInactive() : writable().getMaxInactiveInterval();
  }

  @Override
  public boolean isExpired() {
    return fromMemory() ? kept.expired(Instant.now()) : writable().isExpired();
  }
}
