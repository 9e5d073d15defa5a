package org.handover.audit;

import java.time.Instant;
import org.handover.system.Actor;

/** One row of the audit trail. */
public record AuditEntry(
    long id,
    Instant at,
    Actor.Kind actorKind,
    String actor,
    String action,
    Long serviceId,
    Long changeId,
    String detail,
    String clientAddress) {}
