package org.handover.catalog.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.handover.catalog.ServiceQuery;
import org.handover.system.Nic;

/**
 * My services' query string, bound as one object: the search, the category and contact filters, the
 * sort, the page's cursors and size, and {@code count} (count the matches beyond the page). Every
 * field is optional; an unknown sort or category is ignored, as the page always did.
 */
record MyServicesForm(
    String q,
    String type,
    String admin,
    String tech,
    String billing,
    String sort,
    String after,
    String before,
    Integer size,
    Boolean count) {

  static final int DEFAULT_SIZE = 50;

  /** The filters as typed, which the bulk handover reads the same way. */
  ServiceFilters filters() {
    return new ServiceFilters(q, type, admin, tech, billing);
  }

  /** The query for the viewer; a contact filter that is not a customer ID becomes a field error. */
  ServiceQuery query(Nic viewer, Map<String, String> errors, Locale locale) {
    return ServiceFilters.query(
            viewer,
            filters(),
            parsedSort(),
            after,
            before,
            size == null ? DEFAULT_SIZE : size,
            errors,
            locale)
        .counting(Boolean.TRUE.equals(count));
  }

  /** The contact filters as typed, to show them back in their fields. */
  Map<String, String> typedContacts() {
    Map<String, String> typed = new LinkedHashMap<>();
    typed.put("admin", admin);
    typed.put("tech", tech);
    typed.put("billing", billing);
    return typed;
  }

  private ServiceQuery.Sort parsedSort() {
    if (sort == null) {
      return null;
    }
    for (ServiceQuery.Sort s : ServiceQuery.Sort.values()) {
      if (s.name().equals(sort)) {
        return s;
      }
    }
    return null;
  }
}
