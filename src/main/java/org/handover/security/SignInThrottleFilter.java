package org.handover.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.handover.account.CustomerSignInSettings;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands before the password sign-in: a login held back by {@link SignInGuard} goes back to the
 * form before its password is checked; a passkey alone signs in only where Handover's own sign-in
 * is offered.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

  // the very matcher of the sign-in filter: no spelling of the path slips past this
  private final RequestMatcher signIn =
      PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login");
  private final CustomerSignInSettings customers;
  private final SignInGuard guard;
  private final KnownDevices devices;
  private final SecurityLog log;

  SignInThrottleFilter(
      CustomerSignInSettings customers, SignInGuard guard, KnownDevices devices, SecurityLog log) {
    this.customers = customers;
    this.guard = guard;
    this.devices = devices;
    this.log = log;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!customers.passwords()
        && (request.getContextPath() + "/passkey/verify").equals(request.getRequestURI())
        && SecurityContextHolder.getContext().getAuthentication() == null) {
      // a passkey alone signs in only where Handover's own sign-in is offered
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    if (signIn.matches(request)) {
      String key = guard.keyFor(request.getParameter("login"));
      // every account alike, with a second factor or not: while it is held back the
      // password is not checked, so the right one answers as a wrong one does
      if (!guard.mayTry(key, request.getRemoteAddr(), devices.known(key, request))) {
        SecurityConfiguration.accountOf(key)
            .ifPresent(
                nic ->
                    log.record(
                        nic, SecurityEvent.signInThrottled, SecurityConfiguration.password()));
        response.sendRedirect(request.getContextPath() + "/login?throttled");
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
