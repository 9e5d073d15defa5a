package org.handover.change.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServicePage;
import org.handover.catalog.ServiceQuery;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeQueries;
import org.handover.change.RequestChanges;
import org.handover.system.Actor;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Contact management" (My services): every service where the signed-in account holds a role, paged
 * by key, each row marked with its open change set, and the selection of a bulk handover. A contact
 * filter that is not a customer ID is answered on the page itself (400).
 */
@Controller
class MyServicesController {

  private final HostedServices services;
  private final ChangeQueries changes;
  private final MessageSource messages;

  MyServicesController(HostedServices services, ChangeQueries changes, MessageSource messages) {
    this.services = services;
    this.changes = changes;
    this.messages = messages;
  }

  /** The site root leads to Your contacts (through the sign-in when nobody is signed in). */
  @GetMapping("/")
  String root() {
    return "redirect:/account/contacts/services";
  }

  @GetMapping("/account/contacts/services")
  String list(
      Actor actor,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String admin,
      @RequestParam(required = false) String tech,
      @RequestParam(required = false) String billing,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String after,
      @RequestParam(required = false) String before,
      @RequestParam(defaultValue = "50") int size,
      Model model,
      Locale locale,
      HttpServletRequest request,
      HttpServletResponse response) {
    Map<String, String> errors = new LinkedHashMap<>();
    ServiceQuery query =
        ServiceFilters.query(
            actor.nic(),
            new ServiceFilters(q, type, admin, tech, billing),
            sort == null ? null : parseSort(sort),
            after,
            before,
            size,
            errors,
            locale);
    model.addAttribute("query", query);
    model.addAttribute("errors", errors);
    Map<String, String> typed = new LinkedHashMap<>();
    typed.put("admin", admin);
    typed.put("tech", tech);
    typed.put("billing", billing);
    model.addAttribute("typed", typed);
    model.addAttribute(
        "filtered",
        query.search() != null
            || query.type() != null
            || !errors.isEmpty()
            || query.admin() != null
            || query.tech() != null
            || query.billing() != null);
    model.addAttribute("types", ServiceType.values());
    if (!errors.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return "catalog/services";
    }
    ServicePage page = services.list(query);
    model.addAttribute("page", page);
    Map<Long, Long> openSets =
        changes.openSets(page.services().stream().map(HostedService::id).toList());
    model.addAttribute(
        "rows",
        new ServiceRows(messages, locale, request, response)
            .html(page.services(), openSets, actor.nic()));
    model.addAttribute("maxSet", RequestChanges.MAX_SET_SERVICES);
    return "catalog/services";
  }

  private static ServiceQuery.Sort parseSort(String sort) {
    for (ServiceQuery.Sort s : ServiceQuery.Sort.values()) {
      if (s.name().equals(sort)) {
        return s;
      }
    }
    return null;
  }
}
