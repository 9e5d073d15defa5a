package org.handover.change;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceKey;
import org.handover.catalog.ServiceType;
import org.handover.contact.ContactRole;
import org.handover.contact.PlannedChange;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.springframework.stereotype.Service;

/**
 * What a request would create, checked against the rules and the open sets, without writing
 * anything: the edit page's confirmation step and the bulk handover's review.
 *
 * <p>Errors: {@link HostedServices.ServiceNotFound} for a service the asker holds no role on; a
 * {@code PolicyViolation} or {@link ChangeErrors.OpenRequestConflict} for a refused edit (the set
 * preview lists refused services as left out instead).
 */
@Service
public class PreviewChanges {

  private final HostedServices services;
  private final ChangePlanner planner;

  PreviewChanges(HostedServices services, ChangePlanner planner) {
    this.services = services;
    this.planner = planner;
  }

  /** The items an edit of one service would create; its refusal thrown. */
  public List<PlannedChange> preview(
      Actor actor, ServiceType type, String name, WantedContacts wanted) {
    HostedService service = services.requireVisibleTo(actor.nic(), type, name);
    return planner.plan(actor.nic(), List.of(service), wanted, false).included().values().stream()
        .findFirst()
        .orElse(List.of());
  }

  /**
   * The edit page's confirmation step, from one read of the service and its facts: each changed
   * role checked on its own (so that each refusal is named beside its field), then, when none is
   * refused, the whole edit planned.
   */
  public EditPreview previewEdit(
      Actor actor, ServiceType type, String name, WantedContacts wanted) {
    HostedService service = services.requireVisibleTo(actor.nic(), type, name);
    WantedContacts changes = wanted.changesFrom(service.contacts());
    ChangePlanner.Facts facts = planner.facts(actor.nic(), List.of(service), changes);
    Map<ContactRole, HandoverException> refused = new EnumMap<>(ContactRole.class);
    changes
        .byRole()
        .forEach(
            (role, nic) -> {
              try {
                planner.check(actor.nic(), service, WantedContacts.of(Map.of(role, nic)), facts);
              } catch (HandoverException refusal) {
                refused.put(role, refusal);
              }
            });
    List<PlannedChange> plans =
        refused.isEmpty() && !changes.isEmpty()
            ? planner.check(actor.nic(), service, changes, facts)
            : List.of();
    return new EditPreview(service, changes, refused, plans);
  }

  /** The set a bulk handover would make, checked against the rules, without writing anything. */
  public SetPreview previewSet(Actor actor, Collection<ServiceKey> keys, WantedContacts wanted) {
    List<SetPreview.Excluded> excluded = new ArrayList<>();
    List<HostedService> found = new ArrayList<>();
    Map<ServiceKey, HostedService> byKey = services.findAll(keys);
    for (ServiceKey key : keys) {
      HostedService s = byKey.get(key);
      if (s == null || s.contacts().rolesOf(actor.nic()).isEmpty()) {
        excluded.add(
            new SetPreview.Excluded(
                key, new HostedServices.ServiceNotFound(key.type(), key.name())));
      } else {
        found.add(s);
      }
    }
    SetPreview planned = planner.plan(actor.nic(), found, wanted, true);
    excluded.addAll(planned.excluded());
    return new SetPreview(planned.included(), excluded);
  }
}
