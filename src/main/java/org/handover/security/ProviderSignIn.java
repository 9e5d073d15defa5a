package org.handover.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.handover.account.Account;
import org.handover.account.CustomerSignInSettings;
import org.handover.account.ProviderAccounts;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.audit.SecurityReason;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.handover.system.web.Redirects;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Signing a customer in through the provider's identity provider: the account named by the
 * customer-ID claim (or linked to the person, or opened for them when the provider allows it),
 * refused when unknown or suspended; the provider's verified address taken over; the provider's
 * multi-factor proof ({@code amr}/{@code acr}) counted as the second step, else Handover's own
 * second factor asked when the customer has one.
 */
@Component
public class ProviderSignIn {

  /** The client registration id; the redirect address ends {@code /login/oauth2/code/customer}. */
  public static final String REGISTRATION = "customer";

  /** Session attributes: the provider's session id and person, for back-channel logout. */
  public static final String SID = "handover.provider.sid";

  public static final String SUBJECT = "handover.provider.subject";

  /** Session attribute: where a step-up through the provider returns to. */
  static final String STEP_UP_CONTINUE = "handover.provider.stepUpContinue";

  /** The factor a provider's multi-factor proof stands for (authority {@code FACTOR_PROVIDER}). */
  static final String FACTOR = "PROVIDER";

  static final String FACTOR_AUTHORITY = "FACTOR_" + FACTOR;

  /** Why the provider's sign-in was refused, as {@code /login?refused=} names it. */
  static final Set<String> REFUSALS = Set.of("unknown", "suspended");

  private final CustomerSignInSettings settings;
  private final ProviderAccounts accounts;
  private final SignIns signIns;
  private final SecurityLog log;
  private final Clock clock;
  private final OidcUserService delegate = new OidcUserService();
  private final SavedRequestAwareAuthenticationSuccessHandler onwards =
      new SavedRequestAwareAuthenticationSuccessHandler();

  ProviderSignIn(
      CustomerSignInSettings settings,
      ProviderAccounts accounts,
      SignIns signIns,
      SecurityLog log,
      Clock clock) {
    this.settings = settings;
    this.accounts = accounts;
    this.signIns = signIns;
    this.log = log;
    this.clock = clock;
    onwards.setDefaultTargetUrl("/account/contacts/services");
  }

  /** The customer the ID token stands for, or a refusal ({@code unknown}, {@code suspended}). */
  OidcUser loadUser(OidcUserRequest request) {
    OidcUser user = delegate.loadUser(request);
    OidcIdToken token = user.getIdToken();
    String issuer = String.valueOf(token.getIssuer());
    var claims =
        new ProviderAccounts.Claims(
            user.getEmail(),
            Boolean.TRUE.equals(user.getEmailVerified()),
            user.getGivenName(),
            user.getFamilyName(),
            user.getLocale());
    Optional<Account> found = accounts.find(issuer, token.getSubject(), claimedNic(user));
    if (found.isEmpty() && settings.createOnFirstSignIn()) {
      found = accounts.open(issuer, token.getSubject(), claims, Actor.system());
    }
    Account account = found.orElseThrow(() -> refused("unknown"));
    if (!account.isActive()) {
      log.record(
          account.nic(),
          SecurityEvent.signInRefused,
          SecurityLog.Details.signIn("provider", null).with(SecurityReason.suspended, null));
      throw refused("suspended");
    }
    accounts.takeOverEmail(account.nic(), claims, Actor.customer(account.nic(), null));
    return new ProviderCustomer(
        authorities(account.nic(), token),
        token,
        user.getUserInfo(),
        account.nic(),
        account.displayName());
  }

  private Nic claimedNic(OidcUser user) {
    Object claim = user.getClaims().get(settings.nicClaim());
    String value = claim == null ? null : String.valueOf(claim).strip();
    return value != null && Nic.isValid(value) ? Nic.parse(value) : null;
  }

  /**
   * The provider's proof of more than a password counts as a fresh second factor; without it a
   * customer who enrolled one of Handover's factors is asked for it next.
   */
  private List<GrantedAuthority> authorities(Nic nic, OidcIdToken token) {
    List<GrantedAuthority> granted = new ArrayList<>();
    if (multiFactor(token)) {
      granted.add(new SimpleGrantedAuthority(SignIns.CUSTOMER));
      granted.add(FactorGrantedAuthority.withFactor(FACTOR).issuedAt(clock.instant()).build());
    } else {
      granted.add(new SimpleGrantedAuthority(signIns.roleAfterPassword(nic)));
    }
    return granted;
  }

  /** The {@code acr_values} a step-up asks the provider for (may be null). */
  String stepUpAcrValues() {
    return settings.acrValues();
  }

  /** Whether the ID token says the person used more than a password. */
  boolean multiFactor(OidcIdToken token) {
    List<String> amr = token.getAuthenticationMethods();
    String acr = token.getAuthenticationContextClass();
    return (amr != null && amr.stream().anyMatch(settings.mfaAmr()::contains))
        || (acr != null && settings.mfaAcr().contains(acr));
  }

  private static OAuth2AuthenticationException refused(String why) {
    return new OAuth2AuthenticationException(new OAuth2Error(why), why);
  }

  /** After the provider: the second step, the page a step-up came from, or the page asked for. */
  void onSuccess(HttpServletRequest request, HttpServletResponse response, Authentication auth)
      throws IOException, ServletException {
    ProviderCustomer customer = (ProviderCustomer) auth.getPrincipal();
    HttpSession session = request.getSession();
    session.setAttribute(SID, customer.getIdToken().getClaimAsString("sid"));
    session.setAttribute(SUBJECT, customer.getSubject());
    String base = request.getContextPath();
    if (SignIns.pending(auth)) {
      response.sendRedirect(base + "/login/second-factor");
      return;
    }
    Object next = session.getAttribute(STEP_UP_CONTINUE);
    if (next instanceof String path) {
      session.removeAttribute(STEP_UP_CONTINUE);
      log.record(
          customer.nic(),
          SecurityEvent.stepUp,
          SecurityLog.Details.signIn(
              "provider", multiFactor(customer.getIdToken()) ? "provider" : null));
      response.sendRedirect(base + Redirects.localPath(path));
      return;
    }
    signIns.complete(customer.nic(), request, response);
    onwards.onAuthenticationSuccess(request, response, auth);
  }

  /** A refused or failed sign-in at the provider: the sign-in page says why, naming no account. */
  static void onFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    String code =
        failure instanceof OAuth2AuthenticationException refusal
                && REFUSALS.contains(refusal.getError().getErrorCode())
            ? refusal.getError().getErrorCode()
            : "provider";
    response.sendRedirect(request.getContextPath() + "/login?refused=" + code);
  }
}
