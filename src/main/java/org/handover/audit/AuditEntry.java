package org.handover.audit;

import java.time.Instant;
import org.handover.system.Actor;

/**
 * One row of the audit trail: {@code actor} is the stable identity, {@code actorName} the name a
 * staff member went by at the time (null for others); {@code subject} what the row is about, in
 * typed columns.
 */
public record AuditEntry(
    long id,
    Instant at,
    Actor.Kind actorKind,
    String actor,
    String actorName,
    String action,
    AuditSubject subject,
    String detail,
    String clientAddress) {

  /** The service the row is about, if any. */
  public Long serviceId() {
    return subject.serviceId();
  }

  /** The change set the row is about, if any. */
  public Long changeId() {
    return subject.changeSetId();
  }

  /** The actor as people read it: the name beside the identity when there is one. */
  public String actorLabel() {
    return actorName == null || actor == null ? actor : actorName + " (" + actor + ")";
  }
}
