package org.handover.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.handover.account.Accounts;
import org.handover.account.SignedInCustomer;
import org.handover.system.Nic;
import org.handover.system.web.ContentSecurityPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may reach what. Public: sign-in, sign-up, password reset, static files, health, metrics and
 * the demo mailbox (which exists in demo mode only); everything else needs a signed-in customer.
 * Sign-in is throttled per account and per client address ({@link SignInGuard}); accounts with a
 * second factor sign in in two steps ({@link SignIns}). In production keep the actuator on a
 * private port ({@code management.server.port}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  SecurityFilterChain web(
      HttpSecurity http, SignInGuard guard, SignIns signIns, KnownDevices devices)
      throws Exception {
    var onSuccess = new SavedRequestAwareAuthenticationSuccessHandler();
    onSuccess.setDefaultTargetUrl("/account/contacts/services");
    http.authorizeHttpRequests(
            auth ->
                auth.requestMatchers(
                        "/login",
                        "/signup",
                        "/signup/confirm",
                        "/password-reset",
                        "/password-reset/**",
                        "/createToken",
                        "/passkey/options",
                        "/passkey/verify",
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/api-docs.html",
                        "/swagger-ui/**",
                        "/css/**",
                        "/js/**",
                        "/favicon.ico",
                        "/favicon.svg",
                        "/actuator/health",
                        "/actuator/health/**",
                        "/actuator/prometheus",
                        "/error",
                        "/dev/mailbox/**",
                        "/owner-change/**")
                    .permitAll()
                    .requestMatchers("/login/second-factor")
                    .hasAuthority(SignIns.PENDING)
                    .anyRequest()
                    .hasAuthority(SignIns.CUSTOMER))
        .exceptionHandling(
            e ->
                e.accessDeniedHandler(
                    (request, response, denied) -> {
                      if (SignIns.pending(SecurityContextHolder.getContext().getAuthentication())) {
                        response.sendRedirect(request.getContextPath() + "/login/second-factor");
                      } else {
                        new AccessDeniedHandlerImpl().handle(request, response, denied);
                      }
                    }))
        .formLogin(
            form ->
                form.loginPage("/login")
                    .usernameParameter("login")
                    .successHandler(
                        (request, response, authentication) -> {
                          if (SignIns.pending(authentication)) {
                            response.sendRedirect(
                                request.getContextPath() + "/login/second-factor");
                            return;
                          }
                          signIns.complete(Nic.parse(authentication.getName()), request, response);
                          onSuccess.onAuthenticationSuccess(request, response, authentication);
                        })
                    .failureUrl("/login?error")
                    .permitAll())
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        // /createToken is authenticated by the password in the form, not by a session cookie
        .csrf(csrf -> csrf.ignoringRequestMatchers("/createToken"))
        .headers(
            headers ->
                headers
                    // Confirmation codes travel in links: no page tells another site its address.
                    // Same-site requests keep it: step-up sends the customer back where they were.
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                    .contentSecurityPolicy(
                        csp -> csp.policyDirectives(ContentSecurityPolicy.PANEL)))
        .addFilterBefore(
            new OncePerRequestFilter() {
              // the very matcher of the sign-in filter: no spelling of the path slips past this
              private final RequestMatcher signIn =
                  PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login");

              @Override
              protected void doFilterInternal(
                  HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                  throws ServletException, IOException {
                if (signIn.matches(request)) {
                  String key = guard.keyFor(request.getParameter("login"));
                  // every account alike, with a second factor or not: while it is held back the
                  // password is not checked, so the right one answers as a wrong one does
                  if (!guard.mayTry(key, request.getRemoteAddr(), devices.known(key, request))) {
                    response.sendRedirect(request.getContextPath() + "/login?throttled");
                    return;
                  }
                }
                chain.doFilter(request, response);
              }
            },
            UsernamePasswordAuthenticationFilter.class);
    return http.build();
  }

  /** Signs customers in by customer ID or email; suspended accounts cannot sign in. */
  @Bean
  UserDetailsService customers(Accounts accounts, SignIns signIns) {
    return login ->
        accounts
            .findForSignIn(login)
            .flatMap(
                account ->
                    accounts
                        .passwordHash(account.nic())
                        .map(
                            hash ->
                                new SignedInCustomer(
                                    account, hash, signIns.roleAfterPassword(account.nic()))))
            .orElseThrow(() -> new UsernameNotFoundException("unknown login"));
  }

  /** Counts every failed sign-in against the account (or login typed) and the client address. */
  @Bean
  FailedSignIns failedSignIns(SignInGuard guard, KnownDevices devices) {
    return new FailedSignIns(guard, devices);
  }

  record FailedSignIns(SignInGuard guard, KnownDevices devices) {
    @EventListener
    public void on(AuthenticationFailureBadCredentialsEvent event) {
      String key = guard.keyFor(String.valueOf(event.getAuthentication().getPrincipal()));
      String address =
          event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
              ? details.getRemoteAddress()
              : null;
      String device = null;
      if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
        device = devices.known(key, attrs.getRequest());
      }
      guard.failed(key, address, device);
    }
  }
}
