package org.handover.catalog.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.OpenChangeSets;
import org.handover.catalog.ServicePage;
import org.handover.catalog.ServiceQuery;
import org.handover.system.Actor;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * "Contact management" (My services): every service where the signed-in account holds a role, paged
 * by key, each row marked with its open change set, and the selection of a bulk handover. A contact
 * filter that is not a customer ID is answered on the page itself (400).
 */
@Controller
class MyServicesController {

  private final HostedServices services;
  private final OpenChangeSets changeSets;
  private final MessageSource messages;
  private final ServiceListParts parts;

  MyServicesController(HostedServices services, OpenChangeSets changeSets, MessageSource messages) {
    this.services = services;
    this.changeSets = changeSets;
    this.messages = messages;
    this.parts = new ServiceListParts(messages);
  }

  /** The site root leads to Your contacts (through the sign-in when nobody is signed in). */
  @GetMapping("/")
  String root() {
    return "redirect:/account/contacts/services";
  }

  @GetMapping("/account/contacts/services")
  String list(
      Actor actor,
      MyServicesForm form,
      Model model,
      Locale locale,
      HttpServletRequest request,
      HttpServletResponse response) {
    Map<String, String> errors = new LinkedHashMap<>();
    ServiceQuery query = form.query(actor.nic(), errors, locale);
    boolean filtered = filtered(query) || !errors.isEmpty();
    Map<String, String> typed = form.typedContacts();
    model.addAttribute("query", query);
    model.addAttribute("errors", errors);
    model.addAttribute("typed", typed);
    model.addAttribute("filtered", filtered);
    ServiceListHtml html = new ServiceListHtml(parts.labels(locale), request, response);
    model.addAttribute(
        "filters",
        html.filters(query, typed, errors, filtered || query.sort() != ServiceQuery.Sort.name));
    if (!errors.isEmpty()) {
      model.addAttribute("bulk", BulkKept.from(null, null));
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return "catalog/services";
    }
    ServicePage page = services.list(query);
    model.addAttribute("page", page);
    model.addAttribute("total", html.total(page, query, filtered));
    model.addAttribute("pager", html.pager(page, query));
    Map<Long, Long> openSets =
        changeSets.of(page.services().stream().map(HostedService::id).toList());
    BulkKept bulk = BulkKept.from(model.getAttribute("bulkKept"), model.getAttribute("bulkErrors"));
    model.addAttribute("bulk", bulk);
    model.addAttribute("bulkElsewhere", bulk.servicesNotIn(page.services()));
    model.addAttribute(
        "rows",
        new ServiceRows(messages, locale, request, response)
            .html(page.services(), openSets, actor.nic(), bulk.services()));
    model.addAttribute("maxSet", changeSets.maxServices());
    return "catalog/services";
  }

  /** Whether the query narrows the list (the page then says "no service matches these filters"). */
  private static boolean filtered(ServiceQuery query) {
    return query.search() != null
        || query.type() != null
        || query.admin() != null
        || query.tech() != null
        || query.billing() != null;
  }
}
