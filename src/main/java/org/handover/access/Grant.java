package org.handover.access;

import java.time.Instant;
import org.handover.system.Nic;

/**
 * A policy's part for one grantee that reaches one service: who owns the policy, what it permits
 * and until when ({@code expiresAt} null: no end date).
 */
record Grant(String policyId, Nic owner, Permissions permissions, Instant expiresAt) {

  /** Whether the policy still counts at {@code now}: an expired policy grants nothing. */
  boolean liveAt(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }
}
