package org.handover.staff;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.handover.system.Actor;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A signed-in staff member: their stable identity (the provider's issuer and {@code sub}, which
 * every staff rule compares), the name they go by now (shown beside it, never compared: people may
 * change it at the provider) and their console roles.
 */
public record StaffMember(String id, String name, Set<StaffRole> roles) {

  /** Prefix of a staff member's name in the audit log, telling people from systems. */
  public static final String PREFIX = "staff:";

  private static final int NAME_LENGTH = 100;

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
    String id = PREFIX + name; // a built-in demo account: its user name is its identity
    if (signedIn.getPrincipal() instanceof OidcUser oidc) {
      String claimed = oidc.getClaimAsString(settings.nameClaim());
      name = claimed != null ? claimed : oidc.getSubject();
      id = PREFIX + oidc.getIssuer() + "#" + oidc.getSubject();
    }
    return Optional.of(new StaffMember(id, readable(name), roles));
  }

  /** The name as people read it: one line, no control characters, at most 100 characters. */
  private static String readable(String name) {
    String line = name == null ? "" : name.replaceAll("\\p{Cntrl}", " ").strip();
    return line.length() > NAME_LENGTH ? line.substring(0, NAME_LENGTH) : line;
  }

  /** This staff member as the actor of an audited action. */
  public Actor actor(String clientAddress) {
    return Actor.staff(id, name, clientAddress);
  }

  public boolean may(StaffRole role) {
    return roles.contains(role);
  }
}
