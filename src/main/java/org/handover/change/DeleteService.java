package org.handover.change;

import java.util.Map;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeErrors.OpenRequestConflict;
import org.handover.contact.ContactRole;
import org.handover.system.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator deletes a service that has no open change set, with the ended sets that touched it
 * (the audit log keeps their history). Load (the service, locked) → verify (no open set) → mutate
 * (its items and emptied sets purged, then the service deleted).
 *
 * <p>Errors: {@link HostedServices.ServiceNotFound}; {@link OpenRequestConflict} naming an open
 * set.
 */
@Service
public class DeleteService {

  private final HostedServices services;
  private final ChangeRepository repository;
  private final ChangeSets sets;

  DeleteService(HostedServices services, ChangeRepository repository, ChangeSets sets) {
    this.services = services;
    this.repository = repository;
    this.sets = sets;
  }

  @Transactional
  public void delete(Actor operator, ServiceType type, String name) {
    HostedService service =
        services.find(type, name).orElseThrow(() -> new HostedServices.ServiceNotFound(type, name));
    services.lock(service.id());
    Map<ContactRole, Long> open = repository.openClaims(service.id());
    if (!open.isEmpty()) {
      var first = open.entrySet().iterator().next();
      throw new OpenRequestConflict(first.getValue(), first.getKey(), name);
    }
    sets.purgeEnded(service.id());
    services.delete(service.id(), operator);
  }
}
