package org.handover.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.handover.account.AccountLockdown;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.system.Actor;
import org.handover.system.Digests;
import org.handover.system.HandoverException;
import org.handover.system.IpAddresses;
import org.handover.system.Nic;
import org.springframework.context.event.EventListener;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * An account's web sessions, found in the session table by principal name: listed on the security
 * page (device, address, last use) and ended one by one or all at once. Ids never leave the server:
 * a session is named on the page by a digest of its id.
 */
@Component
public class WebSessions {

  /** Session attributes written at sign-in. */
  public static final String DEVICE = "handover.device";

  public static final String ADDRESS = "handover.address";

  /** A session as its owner (or staff) sees it. */
  public record View(
      String handle,
      String device,
      String address,
      Instant created,
      Instant lastUse,
      boolean current) {}

  private final FindByIndexNameSessionRepository<? extends Session> sessions;

  private final SecurityLog log;

  WebSessions(FindByIndexNameSessionRepository<? extends Session> sessions, SecurityLog log) {
    this.sessions = sessions;
    this.log = log;
  }

  /** Notes the device and address of a session that just signed in. */
  public static void describe(HttpServletRequest request) {
    HttpSession session = request.getSession();
    String agent = request.getHeader("User-Agent");
    session.setAttribute(
        DEVICE, agent == null ? "" : agent.substring(0, Math.min(300, agent.length())));
    session.setAttribute(ADDRESS, request.getRemoteAddr());
  }

  public List<View> list(Nic nic, String currentId) {
    return sessions.findByPrincipalName(nic.value()).values().stream()
        .map(
            s ->
                new View(
                    handle(s.getId()),
                    s.getAttribute(DEVICE),
                    IpAddresses.shown(s.getAttribute(ADDRESS)),
                    s.getCreationTime(),
                    s.getLastAccessedTime(),
                    s.getId().equals(currentId)))
        .sorted(Comparator.comparing(View::lastUse).reversed())
        .toList();
  }

  /**
   * Ends the account's session with this handle, by the customer or someone else (a staff member);
   * {@link NoSuchSession} when there is none.
   */
  public void end(Nic nic, String handle, Actor by) {
    for (String id : sessions.findByPrincipalName(nic.value()).keySet()) {
      if (handle(id).equals(handle)) {
        sessions.deleteById(id);
        log.record(nic, SecurityEvent.sessionEnded, SecurityLog.Details.by(by));
        return;
      }
    }
    throw new NoSuchSession();
  }

  /** The account has no session with this handle (ended already, or never). */
  public static final class NoSuchSession extends HandoverException {
    NoSuchSession() {
      super(Kind.NOT_FOUND, "security.session.unknown");
    }
  }

  /** Ends every session of the account but the one given (may be null); returns how many. */
  public int endAllExcept(Nic nic, String keepId) {
    Map<String, ? extends Session> found = sessions.findByPrincipalName(nic.value());
    int ended = 0;
    for (String id : found.keySet()) {
      if (!id.equals(keepId)) {
        sessions.deleteById(id);
        ended++;
      }
    }
    return ended;
  }

  /** Ends the account's sessions whose attribute has this value; returns how many. */
  public int endWhere(Nic nic, String attribute, String value) {
    int ended = 0;
    for (Session session : sessions.findByPrincipalName(nic.value()).values()) {
      if (value.equals(session.getAttribute(attribute))) {
        sessions.deleteById(session.getId());
        ended++;
      }
    }
    return ended;
  }

  /** Ends the account's other sessions: the one making this request (if any) stays. */
  @EventListener
  public void on(AccountLockdown lockdown) {
    if (endAllExcept(lockdown.nic(), currentSessionId()) > 0) {
      log.record(lockdown.nic(), SecurityEvent.sessionEnded, lockdown.cause());
    }
  }

  /** The id of the session of the request being served, if any. */
  public static String currentSessionId() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
      HttpSession session = attrs.getRequest().getSession(false);
      return session == null ? null : session.getId();
    }
    return null;
  }

  static String handle(String id) {
    return Digests.sha256Hex("session:" + id).substring(0, 24);
  }
}
