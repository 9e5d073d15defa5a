package org.handover.reassignment;

import org.handover.system.Actor;

/**
 * A staff member as a case records them: the stable identity the four-eyes rule compares, and the
 * name they went by, for people to read.
 */
public record CaseStaff(String id, String name) {

  static CaseStaff of(Actor staff) {
    return new CaseStaff(staff.id(), staff.name());
  }

  /** The name to show (the identity when no name was recorded). */
  public String label() {
    return name == null || name.isBlank() ? id : name;
  }

  /**
   * Whether this is the same person as {@code other}. Cases opened before identities were recorded
   * (an identity without {@code #issuer}) know their staff by name only: that name then counts too.
   */
  boolean samePersonAs(CaseStaff other) {
    return id.equals(other.id)
        || (!other.id.contains("#") && other.name != null && other.name.equals(name));
  }
}
