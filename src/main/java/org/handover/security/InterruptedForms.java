package org.handover.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

/**
 * A form sent after its session ended (or from a page older than the current sign-in) carries no
 * valid CSRF token. Instead of a bare refusal, what was typed is kept in the (new) session, the
 * person is sent to sign in with a word that their session ended, and afterwards lands on a page
 * that sends the same form again with one click, or goes back to the page it came from. Secrets
 * (passwords, one-time codes) are not kept. The panel and the staff console each use their own
 * sign-in page, resume page and saved-request attribute.
 */
public final class InterruptedForms {

  static final String ATTRIBUTE = "HANDOVER_INTERRUPTED_FORM";

  /** Fields never kept: tokens and secrets a person types again. */
  private static final Set<String> NOT_KEPT =
      Set.of("_csrf", "password", "passwordAgain", "current", "code");

  /**
   * One interrupted form: where it was sent, the page it was on, its fields, and the language its
   * page was read in (so that the page offering it again speaks the same language, whatever the new
   * sign-in chose).
   */
  public record Form(String action, String page, Map<String, List<String>> fields, Locale language)
      implements Serializable {

    /** The first value of a kept field, or null. */
    public String first(String name) {
      List<String> values = fields.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /** The pages of one sign-in area: its sign-in page, its resume page and saved-request key. */
  public record Area(String login, String logout, String resume, String savedRequestAttribute) {}

  private InterruptedForms() {}

  /**
   * An access-denied handler that keeps interrupted forms of this area and sends their author to
   * sign in (or straight to the resume page when still signed in); other refusals go on to {@code
   * otherwise}.
   */
  public static AccessDeniedHandler keeping(Area area, AccessDeniedHandler otherwise) {
    return (request, response, denied) -> {
      if (!(denied instanceof CsrfException) || !formPost(request)) {
        otherwise.handle(request, response, denied);
        return;
      }
      String context = request.getContextPath();
      String action = request.getRequestURI().substring(context.length());
      if (action.equals(area.logout())) {
        response.sendRedirect(context + area.login() + "?logout");
        return;
      }
      if (action.equals(area.login())) {
        response.sendRedirect(context + area.login() + "?expired");
        return;
      }
      HttpSession session = keep(request);
      if (signedIn(SecurityContextHolder.getContext().getAuthentication())) {
        response.sendRedirect(context + area.resume());
        return;
      }
      String resume =
          UrlUtils.buildFullRequestUrl(
              request.getScheme(),
              request.getServerName(),
              request.getServerPort(),
              context + area.resume(),
              null);
      session.setAttribute(area.savedRequestAttribute(), new SimpleSavedRequest(resume));
      response.sendRedirect(context + area.login() + "?expired");
    };
  }

  /**
   * Keeps what a form sent (its secrets left out) in the session, for the page that offers it
   * again; a step-up that interrupts a form keeps it too.
   */
  public static HttpSession keep(HttpServletRequest request) {
    String action = request.getRequestURI().substring(request.getContextPath().length());
    HttpSession session = request.getSession(true);
    Locale language =
        session.getAttribute(SessionLocaleResolver.LOCALE_SESSION_ATTRIBUTE_NAME)
                instanceof Locale l
            ? l
            : request.getLocale();
    session.setAttribute(
        ATTRIBUTE, new Form(action, pageOf(request, action), fields(request), language));
    return session;
  }

  /** The kept form when it was sent to {@code action}, removed from the session. */
  public static Optional<Form> takeFor(HttpServletRequest request, String action) {
    HttpSession session = request.getSession(false);
    if (session != null
        && session.getAttribute(ATTRIBUTE) instanceof Form form
        && form.action().equals(action)) {
      session.removeAttribute(ATTRIBUTE);
      return Optional.of(form);
    }
    return Optional.empty();
  }

  /** The kept form, removed from the session: it is shown once. */
  public static Optional<Form> take(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof Form form)) {
      return Optional.empty();
    }
    session.removeAttribute(ATTRIBUTE);
    return Optional.of(form);
  }

  /** A browser's form (script calls, JSON and the like keep their plain refusal). */
  private static boolean formPost(HttpServletRequest request) {
    String type = request.getContentType();
    return "POST".equals(request.getMethod())
        && type != null
        && (type.startsWith("application/x-www-form-urlencoded")
            || type.startsWith("multipart/form-data"));
  }

  private static boolean signedIn(Authentication authentication) {
    return authentication != null
        && authentication.isAuthenticated()
        && !(authentication instanceof AnonymousAuthenticationToken);
  }

  private static Map<String, List<String>> fields(HttpServletRequest request) {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              if (!NOT_KEPT.contains(name)) {
                kept.put(name, new ArrayList<>(List.of(values)));
              }
            });
    return kept;
  }

  /** The page the form was on: the same-site page it was sent from, else its own address. */
  private static String pageOf(HttpServletRequest request, String action) {
    String referer = request.getHeader("Referer");
    if (referer != null) {
      try {
        URI from = URI.create(referer);
        if (request.getServerName().equalsIgnoreCase(from.getHost())
            && from.getRawPath() != null
            && from.getRawPath().startsWith(request.getContextPath() + "/")) {
          String path = from.getRawPath().substring(request.getContextPath().length());
          return from.getRawQuery() == null ? path : path + "?" + from.getRawQuery();
        }
      } catch (IllegalArgumentException ignored) {
        // an unreadable Referer: the form's own address serves
      }
    }
    return action;
  }
}
