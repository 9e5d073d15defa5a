package org.handover.change.web;

import java.util.Collection;
import java.util.Map;
import org.handover.catalog.OpenChangeSets;
import org.handover.change.ChangeQueries;
import org.handover.change.RequestChanges;
import org.springframework.stereotype.Component;

/** Tells My services (in the catalog, below this feature) the change sets open on its rows. */
@Component
class MyServicesChangeSets implements OpenChangeSets {

  private final ChangeQueries changes;

  MyServicesChangeSets(ChangeQueries changes) {
    this.changes = changes;
  }

  @Override
  public Map<Long, Long> of(Collection<Long> serviceIds) {
    return changes.openSets(serviceIds);
  }

  @Override
  public int maxServices() {
    return RequestChanges.MAX_SET_SERVICES;
  }
}
