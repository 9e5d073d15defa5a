package org.handover.security;

import java.util.Optional;
import org.handover.account.Accounts;
import org.handover.account.CustomerSignInSettings;
import org.handover.account.SignedInCustomer;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.system.Nic;
import org.handover.system.web.ContentSecurityPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.FormLoginConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.annotation.web.configurers.LogoutConfigurer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

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
      HttpSecurity http,
      SignInGuard guard,
      SignIns signIns,
      KnownDevices devices,
      CustomerSignInSettings customers,
      ProviderSignIn provider,
      ProviderSessions providerSessions,
      SecurityLog log)
      throws Exception {
    ClientRegistrationRepository registrations =
        customers.oidc() ? ProviderSecurity.registrations(customers) : null;
    // the page asked for is remembered without a "?continue" marker, so the address bar shows
    // the page itself after signing in
    var saved = new HttpSessionRequestCache();
    saved.setMatchingRequestParameterName(null);
    http.requestCache(r -> r.requestCache(saved))
        .authorizeHttpRequests(SecurityConfiguration::whoMayReachWhat)
        .exceptionHandling(e -> e.accessDeniedHandler(accessDenied()))
        .logout(logout -> signOut(logout, log, registrations))
        // /createToken is authenticated by the password in the form, not by a session cookie
        .csrf(csrf -> csrf.ignoringRequestMatchers("/createToken"))
        .headers(headers -> headers(headers, registrations))
        .addFilterBefore(
            new SignInThrottleFilter(customers, guard, devices, log),
            UsernamePasswordAuthenticationFilter.class);
    if (customers.passwords()) {
      http.formLogin(form -> passwordSignIn(form, signIns, saved));
    }
    if (registrations != null) {
      ProviderSecurity.apply(http, registrations, provider, providerSessions);
    }
    return http.build();
  }

  /** Public pages and files for everyone; the second sign-in step half-way; the rest, customers. */
  private static void whoMayReachWhat(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          auth) {
    auth.requestMatchers(
            "/",
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
        .hasAuthority(SignIns.CUSTOMER);
  }

  /**
   * A refused page sends a half-signed-in customer to their second step, anyone else to the plain
   * refusal; a form interrupted so is kept to be sent again after signing in.
   */
  private static AccessDeniedHandler accessDenied() {
    return InterruptedForms.keeping(
        new InterruptedForms.Area(
            "/login", "/logout", "/account/session/resume", "SPRING_SECURITY_SAVED_REQUEST"),
        (request, response, denied) -> {
          if (SignIns.pending(SecurityContextHolder.getContext().getAuthentication())) {
            response.sendRedirect(request.getContextPath() + "/login/second-factor");
          } else {
            new AccessDeniedHandlerImpl().handle(request, response, denied);
          }
        });
  }

  /** Signing out is written to the security log, then leads out (through the provider, if any). */
  private static void signOut(
      LogoutConfigurer<HttpSecurity> logout,
      SecurityLog log,
      ClientRegistrationRepository registrations) {
    logout
        .logoutUrl("/logout")
        .addLogoutHandler(
            (request, response, auth) -> {
              if (auth != null && auth.isAuthenticated()) {
                log.record(
                    Nic.parse(auth.getName()), SecurityEvent.signOut, SecurityLog.Details.none());
              }
            })
        .logoutSuccessHandler(ProviderSecurity.afterSignOut(registrations));
  }

  private static void headers(
      HeadersConfigurer<HttpSecurity> headers, ClientRegistrationRepository registrations) {
    headers
        // Confirmation codes travel in links: no page tells another site its address.
        // Same-site requests keep it: step-up sends the customer back where they were.
        .referrerPolicy(
            referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
        .contentSecurityPolicy(
            csp ->
                csp.policyDirectives(
                    registrations == null
                        ? ContentSecurityPolicy.PANEL
                        // signing out and step-up leave a form for the provider
                        : ContentSecurityPolicy.formsAlsoTo(
                            ProviderSecurity.origins(registrations))));
  }

  /** Handover's own sign-in form: password, then the second step when the account has one. */
  private static void passwordSignIn(
      FormLoginConfigurer<HttpSecurity> form, SignIns signIns, HttpSessionRequestCache saved) {
    var onSuccess = new SavedRequestAwareAuthenticationSuccessHandler();
    onSuccess.setDefaultTargetUrl("/account/contacts/services");
    onSuccess.setRequestCache(saved);
    form.loginPage("/login")
        .usernameParameter("login")
        .successHandler(
            (request, response, authentication) -> {
              if (SignIns.pending(authentication)) {
                response.sendRedirect(request.getContextPath() + "/login/second-factor");
                return;
              }
              signIns.complete(Nic.parse(authentication.getName()), request, response);
              onSuccess.onAuthenticationSuccess(request, response, authentication);
            })
        .failureHandler(
            (request, response, failed) -> {
              // the form comes back with the customer ID typed, not empty
              String login = request.getParameter("login");
              if (login != null && login.length() <= 320) {
                request.getSession().setAttribute(SignedInCustomer.TYPED_LOGIN, login.strip());
              }
              response.sendRedirect(request.getContextPath() + "/login?error");
            })
        .permitAll();
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
  FailedSignIns failedSignIns(SignInGuard guard, KnownDevices devices, SecurityLog log) {
    return new FailedSignIns(guard, devices, log);
  }

  /** The account a sign-in key names ({@code account:<nic>}), if it names one. */
  static Optional<Nic> accountOf(String key) {
    return key.startsWith("account:")
        ? Optional.of(Nic.parse(key.substring("account:".length())))
        : Optional.empty();
  }

  static SecurityLog.Details password() {
    return SecurityLog.Details.signIn("password", null);
  }

  record FailedSignIns(SignInGuard guard, KnownDevices devices, SecurityLog log) {
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
      accountOf(key).ifPresent(nic -> log.record(nic, SecurityEvent.signInFailed, password()));
    }
  }
}
