package org.handover.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.handover.account.Accounts;
import org.handover.audit.AuditLog;
import org.handover.contact.ContactRole;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.Like;
import org.handover.system.Nic;
import org.handover.system.TextRules;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Registers services, shows them to their contacts, and moves their contact roles. */
@Service
public class HostedServices {

  private final ServiceRepository repository;
  private final ServiceListing listing;
  private final ServiceNameSearch nameSearch;
  private final Accounts accounts;
  private final AuditLog audit;
  private final Clock clock;

  HostedServices(
      ServiceRepository repository,
      ServiceListing listing,
      ServiceNameSearch nameSearch,
      Accounts accounts,
      AuditLog audit,
      Clock clock) {
    this.repository = repository;
    this.listing = listing;
    this.nameSearch = nameSearch;
    this.accounts = accounts;
    this.audit = audit;
    this.clock = clock;
  }

  /** Registers a service; its three contacts must be existing accounts. */
  @Transactional
  public HostedService register(NewService given, Actor actor) {
    String name =
        ServiceNames.canonical(given.name())
            .orElseThrow(() -> new InvalidServiceName(String.valueOf(given.name())));
    NewService service =
        new NewService(
            given.type(),
            name,
            given.displayName(),
            given.status(),
            given.expiresAt(),
            given.contacts(),
            given.owner());
    if (!TextRules.isSingleLine(service.displayName(), TextRules.DISPLAY_NAME)) {
      throw new InvalidServiceField("displayName");
    }
    for (ContactRole role : ContactRole.values()) {
      accounts.require(service.contacts().holder(role));
    }
    long id;
    try {
      id = repository.insert(service, clock.instant());
    } catch (DuplicateKeyException e) {
      throw new ServiceExists(service.type(), service.name());
    }
    if (service.owner() != null) {
      repository.saveOwner(id, service.owner(), clock.instant());
    }
    audit.record(actor, "service.created", id, null, service.type() + " " + service.name());
    return repository.find(id).orElseThrow();
  }

  public Optional<HostedService> find(ServiceType type, String name) {
    return repository.find(type, ServiceNames.lookup(name));
  }

  public Optional<HostedService> find(long id) {
    return repository.find(id);
  }

  /**
   * The service, if the account holds a role on it. Otherwise {@link ServiceNotFound}, whether or
   * not it exists, so that nobody learns of other customers' services by guessing names.
   */
  public HostedService requireVisibleTo(Nic nic, ServiceType type, String name) {
    return repository
        .find(type, ServiceNames.lookup(name))
        .filter(s -> !s.contacts().rolesOf(nic).isEmpty())
        .orElseThrow(() -> new ServiceNotFound(type, name));
  }

  /** Names of the services of one type where the account holds a role, sorted. */
  public List<String> namesFor(Nic nic, ServiceType type) {
    return listing.names(nic, type);
  }

  /** Whether the account is the administrator contact of at least one service. */
  public boolean administersAny(Nic nic) {
    return repository.administers(nic);
  }

  /** One page of the services where the viewer holds a role. */
  public ServicePage list(ServiceQuery query) {
    return listing.page(query);
  }

  /** The keys of the services matching a query's filters, in name order, at most {@code limit}. */
  public List<ServiceKey> keysMatching(ServiceQuery query, int limit) {
    return listing.keys(query, limit);
  }

  /** Reads a service and locks it for the rest of the caller's transaction. */
  @Transactional(propagation = Propagation.MANDATORY)
  public HostedService lock(long id) {
    return repository.lock(id).orElseThrow();
  }

  /** Reads these services and locks their rows until the transaction ends, in id order. */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<HostedService> lockAll(Collection<Long> ids) {
    return repository.lockAll(ids);
  }

  /**
   * Moves roles between accounts on many services at once, each only where the old contact still
   * holds every role moved; returns how many services changed.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public int reassignAll(List<Reassignment> moves) {
    return repository.reassignAll(moves);
  }

  /** The owner record of a domain the account holds a role on. */
  public Optional<DomainOwner> owner(Nic viewer, ServiceType type, String name) {
    return repository.owner(requireVisibleTo(viewer, type, name).id());
  }

  /** The owner record of a domain, by service id (for the owner workflow, which checks access). */
  public Optional<DomainOwner> ownerOf(long serviceId) {
    return repository.owner(serviceId);
  }

  /**
   * Checks an owner record as typed: a one-line name, an email address, an address, and an optional
   * one-line organisation and phone number.
   */
  public static void requireValidOwner(DomainOwner owner) {
    requireOwnerField(owner.name(), TextRules.isSingleLine(owner.name(), 200), "name");
    requireOwnerField(
        owner.email(), owner.email() != null && TextRules.isEmail(owner.email().strip()), "email");
    requireOwnerField(
        owner.address(), TextRules.isMultiLine(owner.address(), TextRules.LONG_TEXT), "address");
    if (owner.organisation() != null
        && !TextRules.isSingleLine(owner.organisation(), TextRules.ORGANISATION)) {
      throw new InvalidOwner("organisation");
    }
    if (owner.phone() != null && !owner.phone().isEmpty() && !isPhone(owner.phone())) {
      throw new InvalidOwner("phone");
    }
  }

  /** A phone number as registries take it: digits, spaces, dots, dashes, an optional leading +. */
  private static boolean isPhone(String phone) {
    return phone.length() <= 40 && phone.matches("\\+?[0-9][0-9 .\\-]{3,38}");
  }

  /**
   * Writes the owner record of a domain (the owner workflow, after its own checks), in the caller's
   * transaction.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void replaceOwner(long serviceId, DomainOwner owner) {
    requireValidOwner(owner);
    repository.saveOwner(serviceId, owner, clock.instant());
  }

  private static void requireOwnerField(String value, boolean valid, String field) {
    if (value == null || value.isBlank() || !valid) {
      throw new InvalidOwner(field);
    }
  }

  /**
   * Writes services in bulk, in the caller's transaction (the import): no domain owner, no audit
   * row each (the caller writes one for the whole import).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void importAll(List<NewService> imported, Instant now) {
    repository.insertAll(imported, now);
  }

  /** The services that exist among these keys, by key. */
  public Map<ServiceKey, HostedService> findAll(Collection<ServiceKey> keys) {
    Map<ServiceKey, HostedService> found = new HashMap<>();
    for (HostedService s : repository.findAll(keys)) {
      found.put(new ServiceKey(s.type(), s.name()), s);
    }
    return found;
  }

  /** Refreshes the database's statistics of the services table after a large import. */
  public void refreshStatistics() {
    repository.refreshStatistics();
  }

  public List<Long> idsNamed(String name) {
    return repository.idsNamed(name);
  }

  /**
   * Services for the staff console's search: the name as typed in any case, with or without a final
   * dot, first when it exists, then the names that start with it, then (from {@link
   * Like#FRAGMENT_LENGTH} characters) those that hold it anywhere; at most {@code limit} (1–101),
   * in no particular order beyond that.
   */
  public List<HostedService> search(String typed, int limit) {
    if (typed == null || typed.isBlank() || typed.length() > 255) {
      return List.of();
    }
    String name = typed.strip().toLowerCase(Locale.ROOT);
    name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (name.isBlank()) {
      return List.of();
    }
    return nameSearch.find(name, ServiceNames.lookup(name), Math.max(1, Math.min(limit, 101)));
  }

  /** Removes a service; the caller has made sure nothing references it any more. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void delete(long id, Actor actor) {
    repository.delete(id);
    audit.record(actor, "service.deleted", id, null, null);
  }

  public long count() {
    return repository.count();
  }

  /** No such service, or not one of the caller's. */
  public static final class ServiceNotFound extends HandoverException {
    public ServiceNotFound(ServiceType type, String name) {
      super(Kind.NOT_FOUND, "service.notFound", type, name);
    }
  }

  /** A service of this type and name already exists. */
  public static final class ServiceExists extends HandoverException {
    ServiceExists(ServiceType type, String name) {
      super(Kind.CONFLICT, "service.exists", type, name);
    }
  }

  /**
   * A field of the owner information is missing, too long or malformed: the message names the field
   * as the owner form labels it and says what to type, with its limit.
   */
  public static final class InvalidOwner extends HandoverException {
    InvalidOwner(String field) {
      super(Kind.BAD_REQUEST, "owner.invalid." + field, OWNER_LIMITS.get(field));
    }
  }

  /** The owner form's fields and their limits (the columns'). */
  private static final Map<String, Integer> OWNER_LIMITS =
      Map.of(
          "name", TextRules.ORGANISATION,
          "email", TextRules.EMAIL,
          "address", TextRules.LONG_TEXT,
          "organisation", TextRules.ORGANISATION,
          "phone", 40);

  /** A field of a service is too long or holds characters it may not (line breaks, NUL…). */
  public static final class InvalidServiceField extends HandoverException {
    InvalidServiceField(String field) {
      super(Kind.BAD_REQUEST, "service.field.invalid", field);
    }
  }

  /** The service name is empty or malformed. */
  public static final class InvalidServiceName extends HandoverException {
    InvalidServiceName(String name) {
      super(Kind.BAD_REQUEST, "service.name.invalid", name);
    }
  }
}
