package org.handover.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * Signed-in web sessions kept in memory in front of the JDBC session store, so that a request reads
 * one short row (its session's id, principal and principal's counter, {@link
 * SessionEpochRepository#ofSession}) instead of the session's attribute rows and the
 * deserialisation of its security context. Guarantees:
 *
 * <ul>
 *   <li>An ended session is never served from memory: ending one (sign-out, "sign out everywhere",
 *       suspension, password change or reset, factor removal, staff end, provider logout, all of
 *       which delete its row through {@link #deleteById}) deletes the row, then moves its
 *       principal's counter; every instance compares the counter on every request and reloads from
 *       the table when it moved, where the session is gone. The counter is read before a session is
 *       loaded, so a move between the two is seen by the next request.
 *   <li>A change of a session's contents (CSRF token, step-up time, saved request, interrupted
 *       form) is written to the table as before, from a copy read from the table at the first
 *       change, then moves the counter: other instances reload it.
 *   <li>Expiry is checked against the kept access time, which is never later than the stored one;
 *       an expired or unknown session goes to the table, which decides.
 *   <li>Memory is bounded: at most {@link SessionCacheSettings#nearCacheSize()} sessions, each kept
 *       at most {@link SessionCacheSettings#nearCacheTtl()}. Anonymous sessions are not kept.
 * </ul>
 */
final class NearSessions<S extends Session>
    implements FindByIndexNameSessionRepository<NearSession<S>> {

  /** What is kept of a signed-in session, with the counter read before it was loaded. */
  record Kept(
      String id,
      String principal,
      long epoch,
      Instant created,
      Instant lastAccess,
      Duration maxInactive,
      Map<String, Object> attributes) {

    static Kept of(Session session, SessionEpochRepository.Stamp stamp) {
      Map<String, Object> attributes = new HashMap<>();
      for (String name : session.getAttributeNames()) {
        Object value = session.getAttribute(name);
        // a context of its own: the loading request may empty the one it holds when signing out
        attributes.put(
            name,
            value instanceof SecurityContext context
                ? new SecurityContextImpl(context.getAuthentication())
                : value);
      }
      return new Kept(
          session.getId(),
          stamp.principal(),
          stamp.epoch(),
          session.getCreationTime(),
          session.getLastAccessedTime(),
          session.getMaxInactiveInterval(),
          Map.copyOf(attributes));
    }

    boolean expired(Instant now) {
      return !maxInactive.isNegative() && now.minus(maxInactive).compareTo(lastAccess) >= 0;
    }

    Kept accessedAt(Instant time) {
      return new Kept(id, principal, epoch, created, time, maxInactive, attributes);
    }
  }

  final FindByIndexNameSessionRepository<S> store;
  private final SessionEpochRepository epochs;
  private final Cache<String, Kept> kept;

  NearSessions(
      FindByIndexNameSessionRepository<S> store,
      SessionEpochRepository epochs,
      SessionCacheSettings settings) {
    this.store = store;
    this.epochs = epochs;
    this.kept =
        Caffeine.newBuilder()
            .maximumSize(settings.nearCacheSize())
            .expireAfterWrite(settings.nearCacheTtl())
            .build();
  }

  @Override
  public NearSession<S> createSession() {
    return new NearSession<>(this, null, store.createSession());
  }

  @Override
  public NearSession<S> findById(String id) {
    // the row's presence and its principal's counter, read before the session could be loaded
    Optional<SessionEpochRepository.Stamp> stamp = epochs.ofSession(id);
    Kept hit = kept.getIfPresent(id);
    if (stamp.isEmpty()) {
      if (hit != null) {
        kept.invalidate(id);
      }
      return null;
    }
    if (hit != null) {
      if (!hit.expired(Instant.now()) && stamp.get().epoch() == hit.epoch()) {
        return new NearSession<>(this, hit, null);
      }
      kept.invalidate(id);
    }
    S found = store.findById(id);
    if (found == null) {
      return null;
    }
    if (stamp.get().principal() == null) {
      return new NearSession<>(this, null, found);
    }
    Kept loaded = Kept.of(found, stamp.get());
    kept.put(id, loaded);
    return new NearSession<>(this, loaded, null);
  }

  @Override
  public void save(NearSession<S> session) {
    S stored = session.stored();
    if (stored == null) {
      return; // read only, or ended while this request ran: nothing to write, nothing to revive
    }
    Kept was = session.kept();
    try {
      store.save(stored);
    } catch (RuntimeException e) {
      forget(was);
      throw e;
    }
    if (was == null) {
      return;
    }
    if (session.contentsChanged()) {
      forget(was);
      kept.invalidate(stored.getId());
      epochs.bump(was.principal());
    } else {
      kept.asMap()
          .computeIfPresent(was.id(), (id, k) -> k.accessedAt(stored.getLastAccessedTime()));
    }
  }

  @Override
  public void deleteById(String id) {
    Kept hit = kept.getIfPresent(id);
    String principal =
        hit != null
            ? hit.principal()
            : epochs.ofSession(id).map(SessionEpochRepository.Stamp::principal).orElse(null);
    store.deleteById(id);
    kept.invalidate(id);
    if (principal != null) {
      epochs.bump(principal);
    }
  }

  @Override
  public Map<String, NearSession<S>> findByIndexNameAndIndexValue(String name, String value) {
    Map<String, NearSession<S>> found = new LinkedHashMap<>();
    store
        .findByIndexNameAndIndexValue(name, value)
        .forEach((id, s) -> found.put(id, new NearSession<>(this, null, s)));
    return found;
  }

  /** How many sessions this instance keeps now (for tests and metrics). */
  long size() {
    kept.cleanUp();
    return kept.estimatedSize();
  }

  private void forget(Kept was) {
    if (was != null) {
      kept.invalidate(was.id());
    }
  }
}
