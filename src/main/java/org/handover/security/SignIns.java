package org.handover.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.handover.account.Accounts;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.catalog.HostedServices;
import org.handover.system.HandoverProperties;
import org.handover.system.Nic;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The steps of signing in: a password alone signs in accounts without a second factor; accounts
 * with one get a pending session ({@link #PENDING}) until a code passes, which adds a {@link
 * FactorGrantedAuthority} stamped with the time of the check (what step-up looks at).
 */
@Component
public class SignIns {

  /** Role of a fully signed-in customer. */
  public static final String CUSTOMER = "ROLE_CUSTOMER";

  /** Role of a session whose password was right and whose second factor is awaited. */
  public static final String PENDING = "ROLE_PENDING_SECOND_FACTOR";

  private static final Set<String> SECOND_FACTORS =
      Set.of(
          "FACTOR_TOTP",
          "FACTOR_RECOVERY",
          FactorGrantedAuthority.WEBAUTHN_AUTHORITY,
          ProviderSignIn.FACTOR_AUTHORITY);

  private final SignInGuard guard;
  private final KnownDevices devices;
  private final Accounts accounts;
  private final SecondFactors factors;
  private final HostedServices services;
  private final LocaleResolver locales;
  private final HandoverProperties.Security settings;
  private final Clock clock;
  private final SecurityLog log;
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
  private final CsrfAuthenticationStrategy csrf =
      new CsrfAuthenticationStrategy(new HttpSessionCsrfTokenRepository());

  SignIns(
      SignInGuard guard,
      KnownDevices devices,
      Accounts accounts,
      SecondFactors factors,
      HostedServices services,
      LocaleResolver locales,
      HandoverProperties properties,
      Clock clock,
      SecurityLog log) {
    this.log = log;
    this.guard = guard;
    this.devices = devices;
    this.accounts = accounts;
    this.factors = factors;
    this.services = services;
    this.locales = locales;
    this.settings = properties.security();
    this.clock = clock;
  }

  /** The role a right password earns this account. */
  public String roleAfterPassword(Nic nic) {
    return factors.enrolled(nic) ? PENDING : CUSTOMER;
  }

  public static boolean pending(Authentication authentication) {
    return authentication != null
        && authentication.getAuthorities().stream().anyMatch(a -> PENDING.equals(a.getAuthority()));
  }

  /** What follows a complete sign-in: failures forgotten, browser remembered, language set. */
  public void complete(Nic nic, HttpServletRequest request, HttpServletResponse response) {
    String key = "account:" + nic.value();
    guard.succeeded(key, devices.known(key, request));
    devices.remember(nic, request, response);
    WebSessions.describe(request);
    accounts.find(nic).ifPresent(a -> locales.setLocale(request, response, a.language().locale()));
    Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
    log.record(nic, SecurityEvent.signIn, how(signedIn));
  }

  /**
   * How a session signed in (or stepped up): method {@code password}, {@code passkey} or {@code
   * provider}, and its second factor ({@code totp}, {@code recovery}, {@code passkey}, {@code
   * provider}) when there was one.
   */
  public static SecurityLog.Details how(Authentication auth) {
    if (auth == null) {
      return SecurityLog.Details.none();
    }
    String method =
        auth.getPrincipal() instanceof ProviderCustomer
            ? "provider"
            : auth.getAuthorities().stream()
                    .anyMatch(
                        a -> FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(a.getAuthority()))
                ? "password"
                : "passkey";
    String factor =
        auth.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(SECOND_FACTORS::contains)
            .map(SignIns::factorName)
            .findFirst()
            .orElse(null);
    return SecurityLog.Details.signIn(method, factor);
  }

  private static String factorName(String authority) {
    return switch (authority) {
      case "FACTOR_TOTP" -> "totp";
      case "FACTOR_RECOVERY" -> "recovery";
      case FactorGrantedAuthority.WEBAUTHN_AUTHORITY -> "passkey";
      default -> "provider";
    };
  }

  /**
   * Records a passed second-factor check in the session: the customer role and a factor authority
   * stamped now. The session id changes, as at any sign-in.
   */
  public void secondFactorPassed(
      SecondFactors.Method method, HttpServletRequest request, HttpServletResponse response) {
    Authentication current = SecurityContextHolder.getContext().getAuthentication();
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (GrantedAuthority a : current.getAuthorities()) {
      String name = a.getAuthority();
      if (!PENDING.equals(name) && !CUSTOMER.equals(name) && !SECOND_FACTORS.contains(name)) {
        authorities.add(a);
      }
    }
    authorities.add(new SimpleGrantedAuthority(CUSTOMER));
    authorities.add(
        FactorGrantedAuthority.withFactor(method.name().toUpperCase(Locale.ROOT))
            .issuedAt(clock.instant())
            .build());
    var next =
        UsernamePasswordAuthenticationToken.authenticated(
            current.getPrincipal(), null, authorities);
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(next);
    SecurityContextHolder.setContext(context);
    request.changeSessionId();
    contexts.saveContext(context, request, response);
  }

  /**
   * Signs in with a passkey alone (it was checked with user verification, so it stands for both
   * factors): the customer role and a fresh factor authority, then what follows any sign-in.
   */
  public void passkeySignIn(
      UserDetails customer, HttpServletRequest request, HttpServletResponse response) {
    if (customer instanceof CredentialsContainer secret) {
      secret.eraseCredentials();
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            customer, null, customer.getAuthorities()));
    SecurityContextHolder.setContext(context);
    request.getSession();
    secondFactorPassed(SecondFactors.Method.webauthn, request, response);
    // a new CSRF token, as a password sign-in gets one
    csrf.onAuthentication(
        SecurityContextHolder.getContext().getAuthentication(), request, response);
    complete(Nic.parse(customer.getUsername()), request, response);
  }

  /** Whether the session passed a second-factor check within the step-up window. */
  public boolean fresh(Authentication authentication) {
    Instant since = clock.instant().minus(settings.stepUpWindow());
    return authentication != null
        && authentication.getAuthorities().stream()
            .anyMatch(
                a ->
                    a instanceof FactorGrantedAuthority f
                        && SECOND_FACTORS.contains(f.getAuthority())
                        && f.getIssuedAt().isAfter(since));
  }

  /** Whether the session's second factor was proved by the identity provider (at any time). */
  public boolean provedByProvider(Authentication authentication) {
    return authentication != null
        && authentication.getPrincipal() instanceof ProviderCustomer
        && authentication.getAuthorities().stream()
            .anyMatch(a -> ProviderSignIn.FACTOR_AUTHORITY.equals(a.getAuthority()));
  }

  /** Whether the provider's policy demands a second factor of this customer. */
  public boolean secondFactorRequired(Nic nic) {
    return switch (settings.secondFactor()) {
      case optional -> false;
      case required -> true;
      case required_for_admins -> services.administersAny(nic);
    };
  }

  public boolean enrolled(Nic nic) {
    return factors.enrolled(nic);
  }
}
