package org.handover.catalog.web;

import java.util.Locale;
import org.handover.catalog.DomainOwner;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceType;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.web.Flash;
import org.handover.system.web.StepUp;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Owner (registrant) information of a domain: shown to its contacts, edited by its admin only. */
@Controller
@RequestMapping("/account/contacts/services/domain/{name}/owner")
class OwnerController {

  private final HostedServices services;
  private final MessageSource messages;

  OwnerController(HostedServices services, MessageSource messages) {
    this.services = services;
    this.messages = messages;
  }

  @GetMapping
  String show(Actor actor, @PathVariable String name, Model model) {
    HostedService service = services.requireVisibleTo(actor.nic(), ServiceType.domain, name);
    model.addAttribute("service", service);
    model.addAttribute(
        "owner",
        services
            .owner(actor.nic(), ServiceType.domain, name)
            .orElse(new DomainOwner("", "", "", "", null)));
    model.addAttribute("isAdmin", service.contacts().admin().equals(actor.nic()));
    return "catalog/owner";
  }

  @StepUp
  @PostMapping
  String update(
      Actor actor,
      @PathVariable String name,
      @RequestParam String ownerName,
      @RequestParam(required = false) String organisation,
      @RequestParam String email,
      @RequestParam String address,
      @RequestParam(defaultValue = "false") boolean understood,
      RedirectAttributes flash,
      Locale locale) {
    if (!understood) {
      flash.addFlashAttribute("alert", messages.getMessage("owner.confirmWarning", null, locale));
      return "redirect:/account/contacts/services/domain/" + name + "/owner";
    }
    try {
      services.updateOwner(
          actor,
          ServiceType.domain,
          name,
          new DomainOwner(ownerName.strip(), organisation, email.strip(), address.strip(), null));
      flash.addFlashAttribute("notice", messages.getMessage("owner.saved", null, locale));
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
    }
    return "redirect:/account/contacts/services/domain/" + name + "/owner";
  }
}
