package org.handover.access;

import java.time.Instant;
import java.util.List;
import org.handover.system.Nic;

/**
 * An access policy: its owner (the administrator who made it) grants its live grantees the
 * permitted actions on its live resources until {@code expiresAt}; once {@code endedAt} is set it
 * grants nothing. Grantees who renounced or were suspended, and resources the owner no longer
 * administers, are not listed.
 */
public record Policy(
    String id,
    Nic owner,
    String name,
    String description,
    List<Nic> grantees,
    List<ResourceRef> resources,
    Permissions permissions,
    Instant expiresAt,
    Instant createdAt,
    Instant updatedAt,
    Instant endedAt,
    String endReason) {

  public Policy {
    grantees = List.copyOf(grantees);
    resources = List.copyOf(resources);
  }

  /** Whether it still grants anything at {@code now}. */
  public boolean liveAt(Instant now) {
    return endedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  /** The allowed action patterns, as typed. */
  public List<String> allowed() {
    return permissions.allow().stream().map(ActionPattern::text).toList();
  }

  /** The excepted action patterns, as typed. */
  public List<String> excepted() {
    return permissions.except().stream().map(ActionPattern::text).toList();
  }

  /** The denied action patterns, as typed. */
  public List<String> denied() {
    return permissions.deny().stream().map(ActionPattern::text).toList();
  }
}
