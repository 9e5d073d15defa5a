package org.handover.history;

import java.util.List;
import org.handover.catalog.HostedService;

/**
 * One page of a service's history, newest first.
 *
 * @param nextBefore the cursor of the next (older) page, null on the last page
 */
public record HistoryPage(HostedService service, List<HistoryEntry> entries, Long nextBefore) {}
