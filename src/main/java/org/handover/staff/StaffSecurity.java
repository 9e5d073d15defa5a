package org.handover.staff;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.handover.security.InterruptedForms;
import org.handover.system.Actor;
import org.handover.system.HandoverProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may reach the staff console ({@code /operator/console/**}): staff members signed in through
 * the provider's OpenID Connect provider, with console roles from a configurable ID-token claim; in
 * demo mode without a provider, built-in demo staff accounts instead (never in {@code prod}). The
 * staff sign-in lives in its own session attribute, so a customer's sign-in in the same browser
 * gives no access to the console and the other way round. Reading needs {@code viewer}, every
 * action {@code agent}, approving a case {@code supervisor}.
 */
@Configuration(proxyBeanMethods = false)
class StaffSecurity {

  static final String CONSOLE = "/operator/console";
  static final String REGISTRATION = "staff";
  private static final String SAVED_REQUEST = "HANDOVER_STAFF_SAVED_REQUEST";

  /** Password of the built-in demo staff accounts (demo mode only). */
  static final String DEMO_PASSWORD = "handover-demo";

  /** The built-in demo staff accounts, by role. */
  static final List<String> DEMO_STAFF = List.of("demo-viewer", "demo-agent", "demo-supervisor");

  @Bean
  @Order(1)
  SecurityFilterChain staff(
      HttpSecurity http, StaffSettings settings, HandoverProperties properties, Environment env)
      throws Exception {
    var contexts = new HttpSessionSecurityContextRepository();
    contexts.setSpringSecurityContextKey("HANDOVER_STAFF_SECURITY_CONTEXT");
    var saved = new HttpSessionRequestCache();
    saved.setSessionAttrName(SAVED_REQUEST);
    saved.setMatchingRequestParameterName(null);
    http.securityMatcher(CONSOLE, CONSOLE + "/**")
        .securityContext(c -> c.securityContextRepository(contexts))
        .requestCache(r -> r.requestCache(saved))
        .authorizeHttpRequests(StaffSecurity::whoMayDoWhat)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(CONSOLE + "/login"))
                    .accessDeniedHandler(
                        InterruptedForms.keeping(
                            new InterruptedForms.Area(
                                CONSOLE + "/login",
                                CONSOLE + "/logout",
                                CONSOLE + "/resume",
                                SAVED_REQUEST),
                            new AccessDeniedHandlerImpl())))
        // signing out of the console ends the whole HTTP session (the staff sign-in and anything
        // else in it, a customer's sign-in in the same browser included) in the session store, so
        // the old cookie opens nothing afterwards
        .logout(
            l ->
                l.logoutUrl(CONSOLE + "/logout")
                    .invalidateHttpSession(true)
                    .clearAuthentication(true)
                    .logoutSuccessUrl(CONSOLE + "/login?logout"))
        .headers(
            h ->
                h.contentSecurityPolicy(
                    csp ->
                        csp.policyDirectives(
                            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'"
                                + " data:; frame-ancestors 'none'; form-action 'self'; base-uri"
                                + " 'self'; object-src 'none'")))
        .addFilterBefore(new StaffActorFilter(settings), AuthorizationFilter.class);
    signIn(http, settings, demoStaff(properties, env));
    return http.build();
  }

  /** The sign-in page for everyone; approving and setting debt, supervisors; acting, agents. */
  private static void whoMayDoWhat(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          auth) {
    auth.requestMatchers(CONSOLE + "/login")
        .permitAll()
        .requestMatchers(HttpMethod.POST, CONSOLE + "/cases/*/approve")
        .hasAuthority(StaffRole.supervisor.authority())
        .requestMatchers(HttpMethod.POST, CONSOLE + "/accounts/*/debt")
        .hasAuthority(StaffRole.supervisor.authority())
        .requestMatchers(HttpMethod.POST, CONSOLE + "/**")
        .hasAuthority(StaffRole.agent.authority())
        .anyRequest()
        .hasAuthority(StaffRole.viewer.authority());
  }

  /** Through the provider when one is configured, else with the demo staff (if allowed). */
  private static void signIn(HttpSecurity http, StaffSettings settings, boolean demoStaff)
      throws Exception {
    if (settings.oidc()) {
      http.oauth2Login(
          login ->
              login
                  .loginPage(CONSOLE + "/login")
                  .clientRegistrationRepository(
                      new InMemoryClientRegistrationRepository(registration(settings)))
                  .authorizationEndpoint(a -> a.baseUri(CONSOLE + "/oauth2/authorization"))
                  .redirectionEndpoint(r -> r.baseUri(CONSOLE + "/login/oauth2/code/*"))
                  .userInfoEndpoint(u -> u.userAuthoritiesMapper(a -> rolesOf(a, settings)))
                  .defaultSuccessUrl(CONSOLE, false)
                  .failureUrl(CONSOLE + "/login?error"));
    } else if (demoStaff) {
      http.authenticationManager(demoAccounts())
          .formLogin(
              form ->
                  form.loginPage(CONSOLE + "/login")
                      .defaultSuccessUrl(CONSOLE, false)
                      .failureHandler(StaffSecurity::refusedKeepingTheName));
    }
  }

  /** A refused demo sign-in comes back to the form with the name typed (never the password). */
  private static void refusedKeepingTheName(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
      throws IOException {
    String typed = request.getParameter("username");
    if (typed != null && !typed.isBlank() && typed.length() <= 100) {
      request.getSession().setAttribute(StaffAccess.TYPED_NAME, typed.strip());
    }
    response.sendRedirect(request.getContextPath() + CONSOLE + "/login?error");
  }

  /** Demo staff exist only in demo mode, never under the {@code prod} profile. */
  static boolean demoStaff(HandoverProperties properties, Environment env) {
    return properties.demo().enabled() && !env.acceptsProfiles(Profiles.of("prod"));
  }

  private static ClientRegistration registration(StaffSettings settings) {
    return ClientRegistrations.fromIssuerLocation(settings.issuerUri())
        .registrationId(REGISTRATION)
        .clientId(settings.clientId())
        .clientSecret(settings.clientSecret())
        .scope("openid", "profile", "email")
        .redirectUri("{baseUrl}" + CONSOLE + "/login/oauth2/code/{registrationId}")
        .userNameAttributeName(settings.nameClaim())
        .build();
  }

  /** The console roles listed in the configured claim of the ID token (a list or a string). */
  private static Collection<GrantedAuthority> rolesOf(
      Collection<? extends GrantedAuthority> granted, StaffSettings settings) {
    Set<GrantedAuthority> mapped = new HashSet<>();
    for (GrantedAuthority authority : granted) {
      if (authority instanceof OidcUserAuthority oidc) {
        Object claim = oidc.getAttributes().get(settings.rolesClaim());
        List<String> names =
            claim instanceof Collection<?> list
                ? list.stream().map(String::valueOf).toList()
                : claim == null ? List.of() : List.of(String.valueOf(claim).split("[\\s,]+"));
        mapped.addAll(StaffRole.authorities(StaffRole.fromClaim(names)));
      }
    }
    return mapped;
  }

  private static ProviderManager demoAccounts() {
    PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    var users = new InMemoryUserDetailsManager();
    for (int i = 0; i < DEMO_STAFF.size(); i++) {
      StaffRole role = StaffRole.values()[i];
      users.createUser(
          User.withUsername(DEMO_STAFF.get(i))
              .password(encoder.encode(DEMO_PASSWORD))
              .authorities(StaffRole.authorities(StaffRole.fromClaim(List.of(role.name()))))
              .build());
    }
    var provider = new DaoAuthenticationProvider(users);
    provider.setPasswordEncoder(encoder);
    return new ProviderManager(provider);
  }

  /** Leaves the signed-in staff member as the request's {@link Actor} for the audit log. */
  static final class StaffActorFilter extends OncePerRequestFilter {
    private final StaffSettings settings;

    StaffActorFilter(StaffSettings settings) {
      this.settings = settings;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
      StaffMember.of(signedIn, settings)
          .ifPresent(
              member ->
                  request.setAttribute(
                      Actor.REQUEST_ATTRIBUTE, member.actor(request.getRemoteAddr())));
      chain.doFilter(request, response);
    }
  }
}
