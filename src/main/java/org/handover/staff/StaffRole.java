package org.handover.staff;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a staff member may do in the console; each role includes the ones before it: a viewer reads,
 * an agent also acts on requests and opens reassignment cases, a supervisor also approves cases and
 * sets debt.
 */
public enum StaffRole {
  viewer,
  agent,
  supervisor;

  /** The Spring Security authority of this role. */
  public String authority() {
    return "STAFF_" + name().toUpperCase(Locale.ROOT);
  }

  /**
   * The roles named in an identity provider's claim (unknown names ignored), with those implied.
   */
  public static Set<StaffRole> fromClaim(Collection<String> names) {
    Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
    for (String name : names) {
      for (StaffRole role : values()) {
        if (role.name().equalsIgnoreCase(name.strip())) {
          roles.addAll(EnumSet.range(viewer, role));
        }
      }
    }
    return roles;
  }

  static Set<GrantedAuthority> authorities(Set<StaffRole> roles) {
    Set<GrantedAuthority> granted = new HashSet<>();
    roles.forEach(r -> granted.add(new SimpleGrantedAuthority(r.authority())));
    return granted;
  }
}
