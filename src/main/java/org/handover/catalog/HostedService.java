package org.handover.catalog;

import java.time.Instant;
import org.handover.contact.Contacts;

/** A service sold to customers, with its three contacts. */
public record HostedService(
    long id,
    ServiceType type,
    String name,
    String displayName,
    Status status,
    Instant createdAt,
    Instant expiresAt,
    Contacts contacts) {

  /** Service statuses, as in the reference API. */
  public enum Status {
    ok,
    expired,
    inCreation,
    pendingDebt,
    unPaid
  }
}
