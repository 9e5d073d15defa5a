package org.handover.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * The registrant of a domain. The phone is optional; {@code transferLockedUntil} is the registrar's
 * transfer lock recorded after an owner change, when the provider sets one.
 */
public record DomainOwner(
    String name,
    String organisation,
    String email,
    String address,
    String phone,
    Instant updatedAt,
    Instant transferLockedUntil) {

  /** An owner record as typed, not yet stored. */
  public static DomainOwner of(
      String name, String organisation, String email, String address, String phone) {
    return new DomainOwner(name, organisation, email, address, phone, null, null);
  }

  /**
   * Whether going to {@code other} changes who the registrant is (name, organisation or email),
   * which both registrants must confirm; the address and phone are minor corrections.
   */
  public boolean changesRegistrant(DomainOwner other) {
    return !Objects.equals(name, other.name)
        || !Objects.equals(blankToNull(organisation), blankToNull(other.organisation))
        || !email.equalsIgnoreCase(other.email);
  }

  /** Whether the registrant's email address stays the same in {@code other}. */
  public boolean sameEmail(DomainOwner other) {
    return email.equalsIgnoreCase(other.email);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
