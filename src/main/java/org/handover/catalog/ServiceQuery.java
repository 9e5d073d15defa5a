package org.handover.catalog;

import org.handover.system.HandoverException;
import org.handover.system.Nic;

/**
 * What "My services" asks for: whose services, filters (name search, category, each contact), a
 * sort and a page cursor ({@code after} the last row shown, or {@code before} the first).
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
    int size) {

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
