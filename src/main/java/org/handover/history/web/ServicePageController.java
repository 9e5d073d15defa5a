package org.handover.history.web;

import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceType;
import org.handover.history.HistoryPage;
import org.handover.history.ServiceHistory;
import org.handover.system.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A service's own page in the panel: its contacts, the owner page of a domain, and its contact and
 * owner history, for a customer who holds a role on it today (404 otherwise).
 */
@Controller
class ServicePageController {

  private final ServiceHistory history;

  ServicePageController(ServiceHistory history) {
    this.history = history;
  }

  @GetMapping("/account/contacts/services/{type}/{name}")
  String show(
      Actor actor,
      @PathVariable String type,
      @PathVariable String name,
      @RequestParam(required = false) Long before,
      Model model) {
    ServiceType kind =
        ServiceType.parse(type)
            .orElseThrow(() -> new HostedServices.ServiceNotFound(ServiceType.domain, name));
    HistoryPage page = history.forCustomer(actor.nic(), kind, name, before);
    model.addAttribute("service", page.service());
    model.addAttribute("history", page);
    model.addAttribute("me", actor.nic());
    return "history/service";
  }
}
