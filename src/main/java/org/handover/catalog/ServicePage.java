package org.handover.catalog;

import java.util.List;

/**
 * One page of "My services", the cursors to its neighbours (null at either end) and how many
 * services match, counted up to {@link #COUNT_LIMIT} ({@link #moreThanLimit} beyond).
 */
public record ServicePage(List<HostedService> services, String previous, String next, long total) {

  /** Matches are counted up to this many; a larger result says "more than". */
  public static final int COUNT_LIMIT = 1_000;

  public boolean moreThanLimit() {
    return total > COUNT_LIMIT;
  }

  /** The total to show: exact, or the limit when there are more. */
  public long shownTotal() {
    return Math.min(total, COUNT_LIMIT);
  }
}
