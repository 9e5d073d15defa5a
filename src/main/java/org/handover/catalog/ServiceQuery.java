package org.handover.catalog;

import org.handover.system.HandoverException;
import org.handover.system.Nic;

/**
 * What "My services" asks for: whose services, filters (name search, category, each contact), a
 * sort, a page cursor ({@code after} the last row shown, or {@code before} the first), and whether
 * the matches beyond the page should be counted ({@code count}): a list runs its page's query alone
 * unless the count is asked for, since counting its matches can read far more than the page.
 */
public record ServiceQuery(
    Nic viewer,
    String search,
    ServiceType type,
    Nic admin,
    Nic tech,
    Nic billing,
    Sort sort,
    String after,
    String before,
    int size,
    boolean count) {

  /** Sort orders the indexes support. */
  public enum Sort {
    name(true),
    nameDesc(false),
    type(true);

    private final boolean ascending;

    Sort(boolean ascending) {
      this.ascending = ascending;
    }

    boolean ascending() {
      return ascending;
    }
  }

  /** A query that does not count its matches beyond its page. */
  public ServiceQuery(
      Nic viewer,
      String search,
      ServiceType type,
      Nic admin,
      Nic tech,
      Nic billing,
      Sort sort,
      String after,
      String before,
      int size) {
    this(viewer, search, type, admin, tech, billing, sort, after, before, size, false);
  }

  /** The same query, its matches counted when {@code count}. */
  public ServiceQuery counting(boolean count) {
    return new ServiceQuery(
        viewer, search, type, admin, tech, billing, sort, after, before, size, count);
  }

  /**
   * Whether the matches beyond a page are counted (capped): on request only, with or without a name
   * search (the count was 11 % of My services' controller in the quiet run of round four).
   */
  boolean counted() {
    return count;
  }

  public ServiceQuery {
    sort = sort == null ? Sort.name : sort;
    size = Math.max(5, Math.min(size, 100));
    if (search != null && search.length() > 100) {
      search = search.substring(0, 100);
    }
  }

  /** A page cursor that was not made by Handover. */
  public static final class BadCursor extends HandoverException {
    BadCursor() {
      super(Kind.BAD_REQUEST, "services.badCursor");
    }
  }
}
