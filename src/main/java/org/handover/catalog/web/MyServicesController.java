package org.handover.catalog.web;

import org.handover.catalog.HostedServices;
import org.handover.catalog.ServicePage;
import org.handover.catalog.ServiceQuery;
import org.handover.catalog.ServiceType;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "My services": every service where the signed-in account holds a role, paged by key. */
@Controller
class MyServicesController {

  private final HostedServices services;

  MyServicesController(HostedServices services) {
    this.services = services;
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
      Model model) {
    ServiceQuery query =
        new ServiceQuery(
            actor.nic(),
            blankToNull(q),
            type == null ? null : ServiceType.parse(type).orElse(null),
            nicOrNull(admin),
            nicOrNull(tech),
            nicOrNull(billing),
            sort == null ? null : parseSort(sort),
            blankToNull(after),
            blankToNull(before),
            size);
    ServicePage page = services.list(query);
    model.addAttribute("query", query);
    model.addAttribute("page", page);
    model.addAttribute("me", actor.nic());
    model.addAttribute("types", ServiceType.values());
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

  private static Nic nicOrNull(String value) {
    return value == null || value.isBlank() ? null : Nic.parse(value);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
