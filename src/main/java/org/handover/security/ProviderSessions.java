package org.handover.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.system.Nic;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionInformation;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.stereotype.Component;

/**
 * Panel sessions signed in through the identity provider, in the database (so every instance knows
 * them), and OpenID Connect Back-Channel Logout: the provider's logout token names its session or
 * the person, and those panel sessions are deleted from the session store, so the customer's next
 * request goes to sign-in. Each end is in the customer's security log, by the provider.
 */
@Component
public class ProviderSessions implements OidcSessionRegistry {

  private static final Duration KEPT = Duration.ofDays(30);

  private final ProviderSessionRepository repository;
  private final WebSessions sessions;
  private final SecurityLog log;
  private final Clock clock;

  ProviderSessions(
      ProviderSessionRepository repository, WebSessions sessions, SecurityLog log, Clock clock) {
    this.repository = repository;
    this.sessions = sessions;
    this.log = log;
    this.clock = clock;
  }

  @Override
  public void saveSessionInformation(OidcSessionInformation info) {
    if (info.getPrincipal() instanceof ProviderCustomer customer) {
      OidcIdToken token = customer.getIdToken();
      repository.save(
          new ProviderSessionRepository.Row(
              info.getSessionId(),
              String.valueOf(token.getIssuer()),
              token.getSubject(),
              token.getClaimAsString("sid"),
              customer.getName()),
          clock.instant());
    }
  }

  @Override
  public OidcSessionInformation removeSessionInformation(String clientSessionId) {
    repository.remove(clientSessionId);
    return null;
  }

  @Override
  public Iterable<OidcSessionInformation> removeSessionInformation(OidcLogoutToken token) {
    List<OidcSessionInformation> removed = new ArrayList<>();
    for (var row :
        repository.take(
            String.valueOf(token.getIssuer()), token.getSubject(), token.getSessionId())) {
      OidcIdToken stored =
          OidcIdToken.withTokenValue("ended")
              .issuer(row.issuer())
              .subject(row.subject())
              .claims(c -> c.put("sid", row.sid() == null ? "" : row.sid()))
              .build();
      removed.add(
          new OidcSessionInformation(
              row.sessionId(),
              Map.of(),
              new ProviderCustomer(List.of(), stored, null, Nic.parse(row.nic()), "")));
    }
    return removed;
  }

  /**
   * The back-channel logout: ends the panel sessions the logout token names, found by customer ID
   * and the provider's session id (or person) they were signed in with.
   */
  void backChannelLogout(
      HttpServletRequest request, HttpServletResponse response, Authentication logout) {
    if (!(logout.getCredentials() instanceof OidcLogoutToken token)) {
      return;
    }
    Set<Nic> accounts = new LinkedHashSet<>();
    for (OidcSessionInformation info : removeSessionInformation(token)) {
      ProviderCustomer customer = (ProviderCustomer) info.getPrincipal();
      String sid = token.getSessionId();
      int ended =
          sid != null
              ? sessions.endWhere(customer.nic(), ProviderSignIn.SID, sid)
              : sessions.endWhere(customer.nic(), ProviderSignIn.SUBJECT, token.getSubject());
      if (ended > 0) {
        accounts.add(customer.nic());
      }
    }
    for (Nic nic : accounts) {
      log.record(nic, SecurityEvent.sessionEnded, SecurityLog.Details.provider());
    }
  }

  /** Forgets rows of sessions that expired long ago. */
  @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT5M")
  public void purge() {
    repository.purgeBefore(clock.instant().minus(KEPT));
  }
}
