package org.handover.operator.importer;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys of one kind in one batch of an import: the lines of those read before (kept in the database
 * through {@link ImportRun.Store#firstLines}), and those new in the batch.
 */
final class SeenKeys {

  /** Customer IDs of valid account rows. */
  static final String NIC = "n";

  /** Customer IDs named by invalid account rows (still known as contacts). */
  static final String NAMED = "N";

  static final String EMAIL = "e";
  static final String SERVICE = "s";

  private final ImportRun.Store store;
  private final String kind;
  private final Map<String, Integer> before;
  private final Map<String, Integer> added = new LinkedHashMap<>();

  SeenKeys(ImportRun.Store store, String kind, Collection<String> keys) {
    this.store = store;
    this.kind = kind;
    this.before = keys.isEmpty() ? Map.of() : store.firstLines(List.of(kind), keys);
  }

  /** The line that first named the key, or null (and the key is now named on this line). */
  Integer first(String key, int line) {
    Integer first = before.get(key);
    return first != null ? first : added.putIfAbsent(key, line);
  }

  void remember() {
    if (!added.isEmpty()) {
      store.remember(kind, added);
    }
  }

  /** Remembers those of the given keys not read before. */
  void rememberAll(Map<String, Integer> lines) {
    lines.forEach((key, line) -> first(key, line));
    remember();
  }
}
