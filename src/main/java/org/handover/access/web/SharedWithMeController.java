package org.handover.access.web;

import java.util.Locale;
import org.handover.access.ActionCatalogue;
import org.handover.access.Policies;
import org.handover.access.ServiceAccess;
import org.handover.system.Actor;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Shared with me": the policies others made for the signed-in customer, each with its services,
 * actions and end, and a way to give it up; and My services' filter of the services shared with the
 * customer ({@code /account/contacts/services?shared}), each marked with who shared it. Actions
 * read as what they allow ({@code fragments/actions}, from the action catalogue).
 */
@Controller
class SharedWithMeController {

  private final Policies policies;
  private final ServiceAccess access;
  private final MessageSource messages;
  private final ActionCatalogue catalogue;

  SharedWithMeController(
      Policies policies, ServiceAccess access, MessageSource messages, ActionCatalogue catalogue) {
    this.policies = policies;
    this.access = access;
    this.messages = messages;
    this.catalogue = catalogue;
  }

  @GetMapping("/account/access/shared")
  String shared(Actor actor, Model model) {
    model.addAttribute("policies", policies.grantedTo(actor.nic()));
    model.addAttribute("catalogue", catalogue);
    return "access/shared";
  }

  @PostMapping("/account/access/shared/{id}/renounce")
  String renounce(Actor actor, @PathVariable String id, RedirectAttributes flash, Locale locale) {
    policies.renounce(actor, id);
    flash.addFlashAttribute("notice", messages.getMessage("access.shared.renounced", null, locale));
    return "redirect:/account/access/shared";
  }

  @GetMapping(value = "/account/contacts/services", params = "shared")
  String sharedServices(Actor actor, Model model) {
    model.addAttribute("shared", access.sharedWith(actor.nic()));
    model.addAttribute("catalogue", catalogue);
    return "access/shared-services";
  }
}
