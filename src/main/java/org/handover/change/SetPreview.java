package org.handover.change;

import java.util.List;
import java.util.Map;
import org.handover.catalog.ServiceKey;
import org.handover.contact.PlannedChange;
import org.handover.system.HandoverException;

/** What a set would hold: the planned changes per service, and the services left out. */
public record SetPreview(
    Map<ServiceKey, List<PlannedChange>> included, List<SetPreview.Excluded> excluded) {

  /** A service left out of a set, and why, in the reader's language. */
  public record Excluded(ServiceKey service, HandoverException why) {}

  public int itemCount() {
    return included.values().stream().mapToInt(List::size).sum();
  }
}
