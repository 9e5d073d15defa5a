package org.handover.catalog;

import java.util.Collection;
import java.util.Map;

/**
 * What My services needs to know of change sets, told by the feature that owns them (which sits
 * above the catalog): the set open on each listed service, and how many services one set may hold.
 */
public interface OpenChangeSets {

  /** The open change set of each of these services that has one: service id → set id. */
  Map<Long, Long> of(Collection<Long> serviceIds);

  /** The most services one change set (a bulk handover) may hold. */
  int maxServices();
}
