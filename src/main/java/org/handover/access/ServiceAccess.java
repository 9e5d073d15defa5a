package org.handover.access;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceType;
import org.handover.contact.ContactRole;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/**
 * The panel's view of access: a service's Access page (its contacts' implicit rights, the policies
 * that reach it and what each grantee may do there, asked of {@link AccessDecisions}), sharing a
 * service from that page, and what others shared with a customer.
 */
@Component
public class ServiceAccess {

  private final HostedServices services;
  private final AccessRepository repository;
  private final AccessDecisions decisions;
  private final ActionCatalogue catalogue;
  private final Policies policies;
  private final Urns urns;
  private final Clock clock;

  ServiceAccess(
      HostedServices services,
      AccessRepository repository,
      AccessDecisions decisions,
      ActionCatalogue catalogue,
      Policies policies,
      Urns urns,
      Clock clock) {
    this.services = services;
    this.repository = repository;
    this.decisions = decisions;
    this.catalogue = catalogue;
    this.policies = policies;
    this.urns = urns;
    this.clock = clock;
  }

  /** One policy reaching the service, with the actions each of its grantees may do there. */
  public record Reaching(Policy policy, Map<Nic, List<String>> allowed) {}

  /** The Access page of one service. */
  public record View(
      HostedService service,
      boolean viewerIsAdmin,
      Map<ContactRole, Set<AccessCategory>> implicit,
      List<Reaching> policies) {}

  /** The Access page, for a customer who holds a role on the service (else not found). */
  public View of(Nic viewer, ServiceType type, String name) {
    HostedService s = services.requireVisibleTo(viewer, type, name);
    Map<ContactRole, Set<AccessCategory>> implicit = new EnumMap<>(ContactRole.class);
    for (ContactRole role : ContactRole.values()) {
      implicit.put(role, catalogue.categoriesOf(role));
    }
    ResourceRef ref = new ResourceRef(s.type(), s.name());
    List<String> all =
        catalogue.actions(s.type()).stream().map(ActionCatalogue.Entry::action).toList();
    List<Reaching> rows = new ArrayList<>();
    for (Policy p : repository.reaching(s.contacts().admin(), s.type(), s.name())) {
      Map<Nic, List<String>> allowed = new LinkedHashMap<>();
      for (Nic grantee : p.grantees()) {
        allowed.put(
            grantee,
            decisions.decideEach(grantee, ref, all).entrySet().stream()
                .filter(e -> e.getValue().allowed())
                .map(Map.Entry::getKey)
                .toList());
      }
      rows.add(new Reaching(p, allowed));
    }
    return new View(s, s.contacts().admin().equals(viewer), implicit, rows);
  }

  /**
   * Shares one service from the panel: the actions of the chosen categories, for a duration (null:
   * until revoked). The same checks as the API apply.
   */
  public Policy share(
      Actor actor,
      ServiceType type,
      String name,
      String grantee,
      Set<AccessCategory> categories,
      Duration duration,
      String policyName) {
    HostedService s = services.requireVisibleTo(actor.nic(), type, name);
    if (categories.isEmpty()) {
      throw new AccessErrors.InvalidPolicy("allow");
    }
    List<String> actions =
        catalogue.actions(s.type()).stream()
            .filter(e -> categories.contains(e.category()))
            .map(ActionCatalogue.Entry::action)
            .toList();
    String identity = urns.of(Nic.parse(grantee));
    return policies.create(
        actor,
        new PolicyDraft(
            policyName,
            null,
            List.of(identity),
            List.of(urns.of(new ResourceRef(s.type(), s.name()))),
            actions,
            List.of(),
            List.of(),
            duration == null ? null : clock.instant().plus(duration).toString()));
  }

  /** One service shared with a customer, for My services' filter. */
  public record Shared(ServiceType type, String name, Nic owner, Policy policy) {}

  /**
   * The services that live policies share with a customer, a glob read as the owner's services of
   * its type today (at most {@value IamResources#MAX_RESOURCES} in all).
   */
  public List<Shared> sharedWith(Nic grantee) {
    List<Shared> out = new ArrayList<>();
    for (Policy p : policies.grantedTo(grantee)) {
      if (!p.liveAt(clock.instant())) {
        continue;
      }
      for (ResourceRef r : p.resources()) {
        if (!r.isGlob()) {
          out.add(new Shared(r.type(), r.name(), p.owner(), p));
          continue;
        }
        repository.administered(p.owner(), IamResources.MAX_RESOURCES).stream()
            .filter(a -> a.ref().type() == r.type())
            .forEach(a -> out.add(new Shared(r.type(), a.ref().name(), p.owner(), p)));
      }
    }
    return out.stream().limit(IamResources.MAX_RESOURCES).toList();
  }
}
