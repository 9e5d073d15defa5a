package org.handover.catalog;

import java.time.Instant;
import org.handover.contact.Contacts;

/** What is needed to register a service; {@code owner} only for domains, may be null. */
public record NewService(
    ServiceType type,
    String name,
    String displayName,
    HostedService.Status status,
    Instant expiresAt,
    Contacts contacts,
    DomainOwner owner) {}
