package org.handover.catalog.web;

import java.util.List;
import java.util.Locale;
import org.handover.catalog.ServiceQuery;
import org.handover.catalog.ServiceType;
import org.handover.system.Html;
import org.springframework.context.MessageSource;

/**
 * What My services' filters and pager say in one language, looked up and escaped once: the markup
 * between the values of a request, as the template wrote it. Holds nothing of a request or a
 * customer, so one copy serves every reader of that language ({@link ServiceListParts}).
 */
final class ServiceListLabels {

  static final List<String> ROLES = List.of("admin", "tech", "billing");

  final String searchField;
  final String afterSearch;
  final String filtersHead;
  final String[] typeOptions;
  final String[] typeOptionsSelected;
  final String[] roleField;
  final String sortHead;
  final String[] sortOptions;
  final String[] sortOptionsSelected;
  final String filtersEnd;
  final String none;
  final String empty;
  final String countThem;
  final String uncountedPages;
  final String uncountedListPages;
  final String pagerHead;
  final String previous;
  final String next;

  private final MessageSource messages;
  private final Locale locale;

  ServiceListLabels(MessageSource messages, Locale locale) {
    this.messages = messages;
    this.locale = locale;
    searchField =
        "\" method=\"get\" role=\"search\" id=\"service-filters\">\n"
            + "    <div class=\"field search-field\">\n"
            + "      <label for=\"q\">"
            + text("services.search")
            + "</label>\n      <input type=\"search\" id=\"q\" name=\"q\" value=\"";
    afterSearch = "\" maxlength=\"100\">\n    </div>\n    <details class=\"filters-toggle\"";
    filtersHead =
        ">\n      <summary>"
            + text("services.filters")
            + "</summary>\n      <div class=\"filters\">\n        <div class=\"field\">\n"
            + "          <label for=\"type\">"
            + text("services.category")
            + "</label>\n          <select id=\"type\" name=\"type\">\n"
            + "            <option value=\"\">"
            + text("services.allCategories")
            + "</option>\n";
    typeOptions = typeOptions(false);
    typeOptionsSelected = typeOptions(true);
    roleField = new String[ROLES.size()];
    for (int r = 0; r < ROLES.size(); r++) {
      roleField[r] = roleField(ROLES.get(r));
    }
    sortHead =
        "        <div class=\"field\">\n          <label for=\"sort\">"
            + text("services.sort")
            + "</label>\n          <select id=\"sort\" name=\"sort\">\n";
    sortOptions = sortOptions(false);
    sortOptionsSelected = sortOptions(true);
    filtersEnd =
        "          </select>\n        </div>\n        <p class=\"hint all\" id=\"hint-contacts\">"
            + text("services.contactFilter.hint")
            + "</p>\n      </div>\n    </details>\n    <button type=\"submit\" id=\"apply-filters\">"
            + text("services.apply")
            + "</button>\n  </form>";
    none = text("services.none");
    empty = text("services.empty");
    countThem = text("services.countThem");
    uncountedPages = text("services.uncountedPages");
    uncountedListPages = text("services.uncountedListPages");
    pagerHead = "<nav class=\"pager\" aria-label=\"" + text("services.pages") + "\">";
    previous = text("services.previous");
    next = text("services.next");
  }

  /** A message with a value of the request (a number), escaped. */
  String text(String key, Object... args) {
    return Html.escape(messages.getMessage(key, args, locale));
  }

  private String[] typeOptions(boolean selected) {
    ServiceType[] types = ServiceType.values();
    String[] options = new String[types.length];
    for (ServiceType t : types) {
      options[t.ordinal()] = option(t.name(), selected, text("enum.ServiceType." + t.name()));
    }
    return options;
  }

  private String[] sortOptions(boolean selected) {
    ServiceQuery.Sort[] sorts = ServiceQuery.Sort.values();
    String[] options = new String[sorts.length];
    for (ServiceQuery.Sort s : sorts) {
      options[s.ordinal()] = option(s.name(), selected, text("services.sort." + s.name()));
    }
    return options;
  }

  private String roleField(String role) {
    return "        <div class=\"field\">\n          <label for=\""
        + role
        + "\">"
        + text("role." + role)
        + "</label>\n          <input type=\"text\" id=\""
        + role
        + "\" name=\""
        + role
        + "\" value=\"";
  }

  private static String option(String value, boolean selected, String label) {
    return "            <option value=\""
        + value
        + (selected ? "\" selected=\"selected\">" : "\">")
        + label
        + "</option>\n";
  }
}
