package org.handover.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.handover.system.Nic;
import org.handover.system.web.Redirects;
import org.handover.system.web.StepUp;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link StepUp}: an action so marked runs only with a fresh second-factor check when the
 * customer has a second factor, and only once one is enrolled when the policy demands it. A
 * customer whose identity provider proved more than a password checks again there ({@code
 * max_age=0}). Otherwise the browser is sent to confirm (or enrol) and then back to the page it
 * came from, where it repeats the action.
 */
public class StepUpInterceptor implements HandlerInterceptor {

  private final SignIns signIns;

  /**
   * Each handler method's {@link StepUp}, looked up on its first request only: the dispatcher hands
   * every request a new {@link HandlerMethod}, but its {@link Method} is the one mapped.
   */
  private final Map<Method, Optional<StepUp>> marks = new ConcurrentHashMap<>();

  StepUpInterceptor(SignIns signIns) {
    this.signIns = signIns;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws Exception {
    StepUp stepUp =
        handler instanceof HandlerMethod method
            ? marks
                .computeIfAbsent(
                    method.getMethod(),
                    m -> Optional.ofNullable(method.getMethodAnnotation(StepUp.class)))
                .orElse(null)
            : null;
    if (stepUp == null) {
      return true;
    }
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated()) {
      return true; // the security chain has refused it already
    }
    Nic nic = Nic.parse(auth.getName());
    String base = request.getContextPath();
    if (signIns.provedByProvider(auth)) {
      if (signIns.fresh(auth)) {
        return true;
      }
      // the provider proved the second factor: it checks again, not a Handover password
      request.getSession().setAttribute(ProviderSignIn.STEP_UP_CONTINUE, returnPath(request));
      response.sendRedirect(
          base
              + "/oauth2/authorization/"
              + ProviderSignIn.REGISTRATION
              + "?"
              + ProviderSecurity.STEP_UP);
      return false;
    }
    if (signIns.enrolled(nic)) {
      if (signIns.fresh(auth)) {
        return true;
      }
      if ("POST".equals(request.getMethod())) {
        InterruptedForms.keep(request); // what was typed waits for the page after the step-up
      }
      response.sendRedirect(
          base
              + "/account/security/confirm?continue="
              + URLEncoder.encode(returnPath(request), StandardCharsets.UTF_8));
      return false;
    }
    if (!stepUp.addsAFactor() && signIns.secondFactorRequired(nic)) {
      response.sendRedirect(base + "/account/security?required");
      return false;
    }
    return true;
  }

  /** The same-site page the action was sent from, or the services page. */
  static String returnPath(HttpServletRequest request) {
    String referer = request.getHeader("Referer");
    if (referer != null) {
      try {
        URI uri = URI.create(referer);
        String here = request.getServerName();
        if (here.equalsIgnoreCase(uri.getHost()) && uri.getRawPath() != null) {
          String path =
              uri.getRawPath()
                  .substring(
                      Math.min(request.getContextPath().length(), uri.getRawPath().length()));
          return Redirects.localPath(
              path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        }
      } catch (IllegalArgumentException ignored) {
        // not a URL: fall back
      }
    }
    return Redirects.HOME;
  }
}
