package org.handover.staff;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.handover.system.Actor;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** A signed-in staff member: the name the audit log shows and their console roles. */
public record StaffMember(String name, Set<StaffRole> roles) {

  /** Prefix of a staff member's name in the audit log, telling people from systems. */
  public static final String PREFIX = "staff:";

  static Optional<StaffMember> of(Authentication signedIn, StaffSettings settings) {
    if (signedIn == null
        || !signedIn.isAuthenticated()
        || signedIn instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
    for (StaffRole role : StaffRole.values()) {
      if (signedIn.getAuthorities().stream()
          .anyMatch(a -> role.authority().equals(a.getAuthority()))) {
        roles.add(role);
      }
    }
    String name = signedIn.getName();
    if (signedIn.getPrincipal() instanceof OidcUser oidc) {
      String claimed = oidc.getClaimAsString(settings.nameClaim());
      name = claimed != null ? claimed : oidc.getSubject();
    }
    return Optional.of(new StaffMember(name, roles));
  }

  /** This staff member as the actor of an audited action. */
  public Actor actor(String clientAddress) {
    return Actor.operator(PREFIX + name, clientAddress);
  }

  public boolean may(StaffRole role) {
    return roles.contains(role);
  }
}
