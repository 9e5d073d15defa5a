package org.handover.access;

import java.util.List;

/**
 * What a policy permits, as the reference IAM says it: {@code allow} grants, {@code except} takes
 * back part of what {@code allow} granted, {@code deny} refuses whatever any policy allows.
 */
record Permissions(
    List<ActionPattern> allow, List<ActionPattern> except, List<ActionPattern> deny) {

  Permissions {
    allow = List.copyOf(allow);
    except = List.copyOf(except);
    deny = List.copyOf(deny);
  }

  boolean allows(String action) {
    return allow.stream().anyMatch(p -> p.matches(action))
        && except.stream().noneMatch(p -> p.matches(action));
  }

  boolean denies(String action) {
    return deny.stream().anyMatch(p -> p.matches(action));
  }

  /** The patterns of one list as stored: one per line. */
  static String store(List<ActionPattern> patterns) {
    return String.join("\n", patterns.stream().map(ActionPattern::text).toList());
  }

  /** The patterns of one stored list. */
  static List<ActionPattern> read(String stored) {
    if (stored == null || stored.isBlank()) {
      return List.of();
    }
    return stored.lines().map(ActionPattern::parse).filter(p -> p != null).toList();
  }
}
