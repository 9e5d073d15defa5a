package org.handover.audit;

import java.time.Instant;
import org.handover.system.Actor;

/**
 * One row of the audit trail: {@code actor} is the stable identity, {@code actorName} the name a
 * staff member went by at the time (null for others).
 */
public record AuditEntry(
    long id,
    Instant at,
    Actor.Kind actorKind,
    String actor,
    String actorName,
    String action,
    Long serviceId,
    Long changeId,
    String detail,
    String clientAddress) {

  /** The actor as people read it: the name beside the identity when there is one. */
  public String actorLabel() {
    return actorName == null || actor == null ? actor : actorName + " (" + actor + ")";
  }
}
