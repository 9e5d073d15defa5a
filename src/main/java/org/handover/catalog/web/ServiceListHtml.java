package org.handover.catalog.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.handover.catalog.ServicePage;
import org.handover.catalog.ServiceQuery;
import org.handover.system.Html;
import org.unbescape.uri.UriEscape;

/**
 * My services' filters, count line and pager, written in one pass as its rows are ({@link
 * ServiceRows}): the labels of the reader's language come written ({@link ServiceListLabels}), the
 * values of the request (typed filters, selections, errors, cursors) are escaped here as {@code
 * th:value}, {@code th:text} and {@code @{…}} did, so the markup is the template's.
 */
final class ServiceListHtml {

  private static final String SERVICES = "/account/contacts/services";

  private final ServiceListLabels labels;
  private final HttpServletRequest request;
  private final HttpServletResponse response;

  ServiceListHtml(
      ServiceListLabels labels, HttpServletRequest request, HttpServletResponse response) {
    this.labels = labels;
    this.request = request;
    this.response = response;
  }

  /**
   * The filters' form: search, category, each contact (with its error), sort, one hint for the
   * three contacts, and one button that applies all of them.
   */
  String filters(
      ServiceQuery query, Map<String, String> typed, Map<String, String> errors, boolean open) {
    StringBuilder out = new StringBuilder(4096);
    out.append("<form class=\"card\" action=\"")
        .append(ServiceRows.link(request, response, SERVICES))
        .append(labels.searchField)
        .append(Html.escape(query.search()))
        .append(labels.afterSearch)
        .append(open ? " open=\"open\"" : "")
        .append(labels.filtersHead);
    for (int t = 0; t < labels.typeOptions.length; t++) {
      boolean selected = query.type() != null && query.type().ordinal() == t;
      out.append(selected ? labels.typeOptionsSelected[t] : labels.typeOptions[t]);
    }
    out.append("          </select>\n        </div>\n");
    for (int r = 0; r < ServiceListLabels.ROLES.size(); r++) {
      String role = ServiceListLabels.ROLES.get(r);
      String error = errors.get(role);
      out.append(labels.roleField[r])
          .append(Html.escape(typed.get(role)))
          .append(
              "\" size=\"14\" maxlength=\"27\" aria-describedby=\"hint-contacts\" aria-invalid=\"")
          .append(error != null)
          .append("\">");
      if (error != null) {
        out.append("\n          <p class=\"error\" role=\"alert\">")
            .append(Html.escape(error))
            .append("</p>");
      }
      out.append("\n        </div>\n");
    }
    out.append(labels.sortHead);
    for (int s = 0; s < labels.sortOptions.length; s++) {
      out.append(
          query.sort().ordinal() == s ? labels.sortOptionsSelected[s] : labels.sortOptions[s]);
    }
    return out.append(labels.filtersEnd).toString();
  }

  /**
   * How many services the list holds: none, the count (exact or "more than"), or, not counted,
   * "more than a page" with a link that counts them.
   */
  String total(ServicePage page, ServiceQuery query, boolean filtered) {
    StringBuilder out = new StringBuilder(512).append("<p id=\"services-total\">");
    if (page.services().isEmpty()) {
      return out.append(filtered ? labels.none : labels.empty).append("</p>").toString();
    }
    if (page.counted()) {
      String said =
          page.moreThanLimit()
              ? labels.text("services.totalMoreThan", page.shownTotal())
              : labels.text("services.total", page.total());
      return out.append(said).append("</p>").toString();
    }
    boolean search = query.search() != null;
    boolean first = page.previous() == null;
    if (first) {
      out.append(
          labels.text(search ? "services.uncounted" : "services.uncountedList", query.size()));
    } else {
      out.append(search ? labels.uncountedPages : labels.uncountedListPages);
    }
    return out.append("\n    <a id=\"services-count\" href=\"")
        .append(link(query, "after", query.after(), "before", query.before(), "count", "true"))
        .append("\">")
        .append(labels.countThem)
        .append("</a></p>")
        .toString();
  }

  /** Links to the previous and next pages, keeping the filters and the count when asked; or "". */
  String pager(ServicePage page, ServiceQuery query) {
    if (page.previous() == null && page.next() == null) {
      return "";
    }
    String count = query.count() ? "true" : null;
    StringBuilder out = new StringBuilder(1024).append(labels.pagerHead).append("\n    ");
    if (page.previous() != null) {
      out.append("<a rel=\"prev\"\n       href=\"")
          .append(link(query, "count", count, "before", page.previous(), null, null))
          .append("\">")
          .append(labels.previous)
          .append("</a>");
    }
    out.append("\n    ");
    if (page.next() != null) {
      out.append("<a rel=\"next\"\n       href=\"")
          .append(link(query, "count", count, "after", page.next(), null, null))
          .append("\">")
          .append(labels.next)
          .append("</a>");
    }
    return out.append("\n  </nav>").toString();
  }

  /** The list's address with the query's filters, sort and size, then up to three more values. */
  private String link(ServiceQuery q, String... more) {
    StringBuilder url = new StringBuilder(256).append(SERVICES);
    param(url, "?q=", q.search());
    param(url, "&type=", q.type() == null ? null : q.type().name());
    param(url, "&admin=", q.admin() == null ? null : q.admin().value());
    param(url, "&tech=", q.tech() == null ? null : q.tech().value());
    param(url, "&billing=", q.billing() == null ? null : q.billing().value());
    param(url, "&sort=", q.sort().name());
    param(url, "&size=", Integer.toString(q.size()));
    for (int i = 0; i < more.length; i += 2) {
      if (more[i] != null) {
        param(url, "&" + more[i] + "=", more[i + 1]);
      }
    }
    return ServiceRows.link(request, response, url.toString());
  }

  private static void param(StringBuilder url, String name, String value) {
    url.append(name);
    if (value != null) {
      url.append(UriEscape.escapeUriQueryParam(value));
    }
  }
}
