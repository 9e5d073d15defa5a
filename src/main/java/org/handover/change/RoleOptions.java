package org.handover.change;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceType;
import org.handover.contact.AccountFacts;
import org.handover.contact.ChangePolicy;
import org.handover.contact.ContactRole;
import org.handover.system.Nic;
import org.springframework.stereotype.Service;

/**
 * How each role of a service looks to the viewer on the edit page ({@link RoleOption}): editable,
 * or locked and why — not the viewer's to change, held by an open set, or blocked by payment
 * standing — and whether "assign to me" is offered.
 */
@Service
public class RoleOptions {

  private final HostedServices services;
  private final ChangeRepository repository;
  private final ChangePlanner planner;
  private final ChangePolicy policy;

  RoleOptions(
      HostedServices services,
      ChangeRepository repository,
      ChangePlanner planner,
      ChangePolicy policy) {
    this.services = services;
    this.repository = repository;
    this.planner = planner;
    this.policy = policy;
  }

  /** The three roles of a service the viewer holds a role on, in the order admin, tech, billing. */
  public List<RoleOption> of(Nic viewer, ServiceType type, String name) {
    HostedService service = services.requireVisibleTo(viewer, type, name);
    Map<ContactRole, Long> open = repository.openClaims(service.id());
    Set<ContactRole> changeable = policy.changeableRoles(viewer, service.contacts());
    ChangePolicy.AccountLookup accounts = planner.lookup(List.of(service), List.of(viewer));
    boolean viewerInGoodStanding =
        accounts.apply(viewer).map(AccountFacts::inGoodStanding).orElse(false);
    boolean admin = service.contacts().admin().equals(viewer);
    List<RoleOption> options = new ArrayList<>();
    for (ContactRole role : ContactRole.values()) {
      Nic holder = service.contacts().holder(role);
      String lock = null;
      if (!changeable.contains(role)) {
        lock = role == ContactRole.admin ? "edit.lock.adminOnly" : "edit.lock.notYours";
      } else if (open.containsKey(role)) {
        lock = "edit.lock.openRequest";
      } else if (policy.standingBlocks(role, holder, accounts)) {
        lock = holder.equals(viewer) ? "edit.lock.standing.yours" : "edit.lock.standing";
      }
      boolean assign =
          lock == null
              && admin
              && !holder.equals(viewer)
              && (viewerInGoodStanding || !policy.standingBlocks(role, viewer, accounts));
      options.add(new RoleOption(role, holder, lock == null, assign, lock, open.get(role)));
    }
    return options;
  }
}
