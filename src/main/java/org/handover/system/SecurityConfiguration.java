package org.handover.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.handover.account.Accounts;
import org.handover.account.Nic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Who may reach what. Public: sign-in, sign-up, password reset, static files, health, metrics and
 * the demo mailbox (which exists in demo mode only); everything else needs a signed-in customer.
 * Sign-in is throttled per login and per client address. In production keep the actuator on a
 * private port ({@code management.server.port}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** Wrong passwords per login, and per client address, before sign-in is refused for a while. */
  static final int LOGIN_LIMIT = 5;

  static final int ADDRESS_LIMIT = 30;

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  SecurityFilterChain web(
      HttpSecurity http, Throttle throttle, Accounts accounts, LocaleResolver locales)
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
                        "/dev/mailbox/**")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(
            form ->
                form.loginPage("/login")
                    .usernameParameter("login")
                    .successHandler(
                        (request, response, authentication) -> {
                          String login = authentication.getName();
                          throttle.reset(loginKey(login));
                          throttle.reset(loginKey(request.getParameter("login")));
                          accounts
                              .find(Nic.parse(login))
                              .ifPresent(
                                  a -> locales.setLocale(request, response, a.language().locale()));
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
                    // confirmation codes travel in links: no page tells another site its address
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                    .contentSecurityPolicy(
                        csp ->
                            csp.policyDirectives(
                                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'"
                                    + " data:; frame-ancestors 'none'; form-action 'self'; base-uri"
                                    + " 'self'; object-src 'none'")))
        .addFilterBefore(
            new OncePerRequestFilter() {
              @Override
              protected void doFilterInternal(
                  HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                  throws ServletException, IOException {
                if ("POST".equals(request.getMethod())
                    && (request.getContextPath() + "/login").equals(request.getRequestURI())
                    && (throttle.isBlocked(loginKey(request.getParameter("login")), LOGIN_LIMIT)
                        || throttle.isBlocked(
                            addressKey(request.getRemoteAddr()), ADDRESS_LIMIT))) {
                  response.sendRedirect(request.getContextPath() + "/login?throttled");
                  return;
                }
                chain.doFilter(request, response);
              }
            },
            UsernamePasswordAuthenticationFilter.class);
    return http.build();
  }

  /** Signs customers in by customer ID or email; suspended accounts cannot sign in. */
  @Bean
  UserDetailsService customers(Accounts accounts) {
    return login ->
        accounts
            .findForSignIn(login)
            .flatMap(
                account ->
                    accounts
                        .passwordHash(account.nic())
                        .map(
                            hash ->
                                User.withUsername(account.nic().value())
                                    .password(hash)
                                    .disabled(!account.isActive())
                                    .roles("CUSTOMER")
                                    .build()))
            .orElseThrow(() -> new UsernameNotFoundException("unknown login"));
  }

  /** Counts every failed sign-in against the login typed and the client address. */
  @Bean
  FailedSignIns failedSignIns(Throttle throttle) {
    return new FailedSignIns(throttle);
  }

  record FailedSignIns(Throttle throttle) {
    @EventListener
    public void on(AuthenticationFailureBadCredentialsEvent event) {
      throttle.record(loginKey(String.valueOf(event.getAuthentication().getPrincipal())));
      if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
        throttle.record(addressKey(details.getRemoteAddress()));
      }
    }
  }

  static String loginKey(String login) {
    return "login:" + (login == null ? "" : login.strip().toLowerCase(Locale.ROOT));
  }

  static String addressKey(String address) {
    return "address:" + address;
  }
}
