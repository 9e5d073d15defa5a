package org.handover.catalog;

import java.time.Instant;

/** The registrant of a domain. */
public record DomainOwner(
    String name, String organisation, String email, String address, Instant updatedAt) {}
