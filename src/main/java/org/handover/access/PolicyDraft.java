package org.handover.access;

import java.util.List;

/**
 * A policy as a client sends it (POST or PUT), before any check: identity and resource URNs, action
 * patterns, an optional ISO-8601 expiry. {@link PolicyChecks} turns it into a {@link Policy} or
 * refuses it by name.
 */
public record PolicyDraft(
    String name,
    String description,
    List<String> identities,
    List<String> resources,
    List<String> allow,
    List<String> except,
    List<String> deny,
    String expiredAt) {

  public PolicyDraft {
    identities = identities == null ? List.of() : identities;
    resources = resources == null ? List.of() : resources;
    allow = allow == null ? List.of() : allow;
    except = except == null ? List.of() : except;
    deny = deny == null ? List.of() : deny;
  }
}
