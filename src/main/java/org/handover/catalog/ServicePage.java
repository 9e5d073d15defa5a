package org.handover.catalog;

import java.util.List;

/**
 * One page of "My services", the cursors to its neighbours (null at either end) and how many
 * services match: counted up to {@link #COUNT_LIMIT} ({@link #moreThanLimit} beyond), or {@link
 * #UNCOUNTED} when the query did not count (it counts when asked) and the page is not the whole
 * result.
 */
public record ServicePage(List<HostedService> services, String previous, String next, long total) {

  /** Matches are counted up to this many; a larger result says "more than". */
  public static final int COUNT_LIMIT = 1_000;

  /** The total of a page whose matches were not counted. */
  public static final long UNCOUNTED = -1;

  /** Whether the total is known: counted, or the first page holds every match. */
  public boolean counted() {
    return total != UNCOUNTED;
  }

  /**
   * Whether the page cannot say exactly how many services match: more than the count's limit, or
   * not counted at all (then more than one page).
   */
  public boolean moreThanLimit() {
    return total > COUNT_LIMIT || !counted();
  }

  /** The total to show: exact, or the limit when there are more. */
  public long shownTotal() {
    return Math.min(total, COUNT_LIMIT);
  }
}
