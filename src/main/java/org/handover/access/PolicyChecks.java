package org.handover.access;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.handover.access.AccessErrors.InvalidPolicy;
import org.handover.access.AccessErrors.NotAdministrator;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceType;
import org.handover.system.Nic;

/**
 * The rules a policy must meet before it is stored, one named check each: a name; 1 to 50 grantees,
 * each an active account with a confirmed address other than the owner; 1 to 100 resources, each a
 * service the owner administers (or a glob over the owner's services of a type); allowed actions
 * that each name something in the catalogue; an expiry in the future. A policy never grants more
 * than its owner holds: the owner is the administrator, who holds every action.
 */
final class PolicyChecks {

  static final int MAX_IDENTITIES = 50;
  static final int MAX_RESOURCES = 100;
  static final int MAX_ACTIONS = 100;

  private final Accounts accounts;
  private final HostedServices services;
  private final ActionCatalogue catalogue;
  private final Urns urns;

  PolicyChecks(Accounts accounts, HostedServices services, ActionCatalogue catalogue, Urns urns) {
    this.accounts = accounts;
    this.services = services;
    this.catalogue = catalogue;
    this.urns = urns;
  }

  /** The checked policy; {@code id} and {@code createdAt} are kept from the one it replaces. */
  Policy check(Nic owner, PolicyDraft d, String id, Instant createdAt, Instant now) {
    String name = name(d.name());
    String description = description(d.description());
    List<ResourceRef> resources = resources(owner, d.resources());
    List<Nic> grantees = grantees(owner, d.identities());
    Set<ServiceType> types = new LinkedHashSet<>();
    resources.forEach(r -> types.add(r.type()));
    List<ActionPattern> allow = actions(d.allow(), types);
    if (allow.isEmpty()) {
      throw new InvalidPolicy("allow");
    }
    Permissions permissions =
        new Permissions(allow, actions(d.except(), types), actions(d.deny(), types));
    return new Policy(
        id,
        owner,
        name,
        description,
        grantees,
        resources,
        permissions,
        expiry(d.expiredAt(), now),
        createdAt,
        now,
        null,
        null);
  }

  private static String name(String name) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > 100) {
      throw new InvalidPolicy("name");
    }
    return n;
  }

  private static String description(String description) {
    String d = description == null ? "" : description.strip();
    if (d.length() > 500) {
      throw new InvalidPolicy("description");
    }
    return d.isEmpty() ? null : d;
  }

  private List<Nic> grantees(Nic owner, List<String> identities) {
    if (identities.isEmpty() || identities.size() > MAX_IDENTITIES) {
      throw new InvalidPolicy("identities", MAX_IDENTITIES);
    }
    Set<Nic> out = new LinkedHashSet<>();
    for (String urn : identities) {
      Nic nic =
          urns.identity(urn)
              .orElseThrow(() -> new InvalidPolicy("identity", String.valueOf(urn), urns.region()));
      if (nic.equals(owner)) {
        throw new InvalidPolicy("self");
      }
      Account account = accounts.find(nic).orElse(null);
      if (account == null || !account.isActive() || !account.emailVerified()) {
        throw new InvalidPolicy("grantee", nic.value());
      }
      out.add(nic);
    }
    return new ArrayList<>(out);
  }

  private List<ResourceRef> resources(Nic owner, List<String> given) {
    if (given.isEmpty() || given.size() > MAX_RESOURCES) {
      throw new InvalidPolicy("resources", MAX_RESOURCES);
    }
    Set<ResourceRef> out = new LinkedHashSet<>();
    for (String urn : given) {
      ResourceRef ref =
          urns.resource(urn)
              .filter(r -> urn.strip().startsWith("urn:"))
              .orElseThrow(() -> new InvalidPolicy("resource", String.valueOf(urn), urns.region()));
      if (!ref.isGlob()
          && services
              .find(ref.type(), ref.name())
              .filter(s -> s.contacts().admin().equals(owner))
              .isEmpty()) {
        throw new NotAdministrator(ref);
      }
      out.add(ref);
    }
    return new ArrayList<>(out);
  }

  private List<ActionPattern> actions(List<String> given, Set<ServiceType> types) {
    if (given.size() > MAX_ACTIONS) {
      throw new InvalidPolicy("tooManyActions", MAX_ACTIONS);
    }
    List<ActionPattern> out = new ArrayList<>();
    for (String text : given) {
      ActionPattern p = ActionPattern.parse(text);
      if (p == null) {
        throw new InvalidPolicy("action", String.valueOf(text));
      }
      if (types.stream().allMatch(t -> catalogue.covered(t, p).isEmpty())) {
        throw new InvalidPolicy("actionCoversNothing", p.text());
      }
      out.add(p);
    }
    return out;
  }

  private static Instant expiry(String text, Instant now) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidPolicy("expiry");
    }
    if (!at.isAfter(now)) {
      throw new InvalidPolicy("expiry");
    }
    return at;
  }
}
