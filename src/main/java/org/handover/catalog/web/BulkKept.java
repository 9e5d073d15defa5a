package org.handover.catalog.web;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handover.catalog.HostedService;

/**
 * The bulk panel as the customer sent it, when it comes back refused or from its review: the ticked
 * services ({@code type:name}), "all matching", the roles, the contact typed, and each refusal by
 * field ({@code service}, {@code role}, {@code to}). Empty when the page opens afresh.
 */
record BulkKept(
    boolean open,
    Set<String> services,
    boolean all,
    Set<String> roles,
    String to,
    Map<String, String> errors) {

  /** Reads the flash attributes the bulk handover left ({@code bulkKept}, {@code bulkErrors}). */
  static BulkKept from(Object kept, Object refusals) {
    if (!(kept instanceof Map<?, ?> fields)) {
      return new BulkKept(false, Set.of(), false, Set.of(), "", Map.of());
    }
    Map<String, String> errors = refusals instanceof Map<?, ?> e ? textMap(e) : Map.of();
    List<String> to = values(fields, "to");
    return new BulkKept(
        true,
        new LinkedHashSet<>(values(fields, "service")),
        values(fields, "all").contains("true"),
        new LinkedHashSet<>(values(fields, "role")),
        to.isEmpty() ? "" : to.get(0),
        errors);
  }

  /** The ticked services not on the page shown, kept as hidden fields of the panel. */
  List<String> servicesNotIn(List<HostedService> shown) {
    Set<String> rest = new LinkedHashSet<>(services);
    shown.forEach(s -> rest.remove(s.type().name() + ':' + s.name()));
    return List.copyOf(rest);
  }

  private static List<String> values(Map<?, ?> fields, String name) {
    return fields.get(name) instanceof List<?> list
        ? list.stream().map(String::valueOf).toList()
        : List.of();
  }

  private static Map<String, String> textMap(Map<?, ?> map) {
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }
}
