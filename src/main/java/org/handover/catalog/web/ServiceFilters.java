package org.handover.catalog.web;

import java.util.Locale;
import java.util.Map;
import org.handover.catalog.ServiceQuery;
import org.handover.catalog.ServiceType;
import org.handover.system.HandoverException;
import org.handover.system.Nic;

/**
 * My services' filters as typed (the search, the category and each contact), and the query they
 * make: My services runs it for its page, the bulk handover for "every service matching this
 * filter".
 */
public record ServiceFilters(String q, String type, String admin, String tech, String billing) {

  /** The query for these filters; a contact filter that is not a customer ID becomes an error. */
  public static ServiceQuery query(
      Nic viewer,
      ServiceFilters filters,
      ServiceQuery.Sort sort,
      String after,
      String before,
      int size,
      Map<String, String> errors,
      Locale locale) {
    return new ServiceQuery(
        viewer,
        blankToNull(filters.q()),
        filters.type() == null ? null : ServiceType.parse(filters.type()).orElse(null),
        nicOrNull("admin", filters.admin(), errors, locale),
        nicOrNull("tech", filters.tech(), errors, locale),
        nicOrNull("billing", filters.billing(), errors, locale),
        sort,
        blankToNull(after),
        blankToNull(before),
        size);
  }

  /** The contact filter as a customer ID; a value that is not one becomes a field error. */
  private static Nic nicOrNull(
      String field, String value, Map<String, String> errors, Locale locale) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Nic.parse(value);
    } catch (HandoverException invalid) {
      errors.put(field, invalid.message(locale));
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
