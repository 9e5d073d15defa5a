package org.handover.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.handover.system.Nic;
import org.handover.system.web.Redirects;
import org.handover.system.web.StepUp;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link StepUp}: an action so marked runs only with a fresh second-factor check when the
 * customer has a second factor, and only once one is enrolled when the policy demands it. Otherwise
 * the browser is sent to confirm (or enrol) and then back to the page it came from, where it
 * repeats the action.
 */
public class StepUpInterceptor implements HandlerInterceptor {

  private final SignIns signIns;

  StepUpInterceptor(SignIns signIns) {
    this.signIns = signIns;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws Exception {
    if (!(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(StepUp.class)) {
      return true;
    }
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated()) {
      return true; // the security chain has refused it already
    }
    Nic nic = Nic.parse(auth.getName());
    String base = request.getContextPath();
    if (signIns.enrolled(nic)) {
      if (signIns.fresh(auth)) {
        return true;
      }
      response.sendRedirect(
          base
              + "/account/security/confirm?continue="
              + URLEncoder.encode(returnPath(request), StandardCharsets.UTF_8));
      return false;
    }
    if (!method.getMethodAnnotation(StepUp.class).addsAFactor()
        && signIns.secondFactorRequired(nic)) {
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
