package org.handover.owner.web;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.handover.catalog.DomainOwner;
import org.handover.owner.OwnerChanges;
import org.handover.owner.OwnerChanges.OwnerView;
import org.handover.owner.OwnerChanges.Submitted;
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

/**
 * Owner (registrant) information of a domain: shown to its contacts with the open change and the
 * transfer lock; its admin corrects it or asks for a change that both registrants confirm.
 */
@Controller
@RequestMapping("/account/contacts/services/domain/{name}/owner")
class OwnerController {

  private final OwnerChanges owners;
  private final MessageSource messages;

  OwnerController(OwnerChanges owners, MessageSource messages) {
    this.owners = owners;
    this.messages = messages;
  }

  @GetMapping
  String show(Actor actor, @PathVariable String name, Model model) {
    OwnerView view = owners.view(actor.nic(), name);
    model.addAttribute("service", view.service());
    DomainOwner stored = view.owner().orElse(new DomainOwner("", "", "", "", "", null, null));
    model.addAttribute("owner", stored);
    // the form: what was typed when the last submission was refused, otherwise the stored record
    model.addAttribute(
        "form",
        model.getAttribute("typed") instanceof Map<?, ?> typed
            ? DomainOwner.of(
                (String) typed.get("name"),
                (String) typed.get("organisation"),
                (String) typed.get("email"),
                (String) typed.get("address"),
                (String) typed.get("phone"))
            : stored);
    model.addAttribute("hasOwner", view.owner().isPresent());
    model.addAttribute("change", view.openChange().orElse(null));
    model.addAttribute("isAdmin", view.administeredBy(actor.nic()));
    return "owner/owner";
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
      @RequestParam(required = false) String phone,
      @RequestParam(defaultValue = "false") boolean understood,
      RedirectAttributes flash,
      Locale locale) {
    DomainOwner typed = DomainOwner.of(ownerName, organisation, email, address, phone);
    if (!understood) {
      flash.addFlashAttribute("alert", messages.getMessage("owner.confirmWarning", null, locale));
      keep(flash, typed);
      return back(name);
    }
    try {
      Submitted done = owners.submit(actor, name, typed);
      String key = done.corrected() ? "owner.saved" : "ownerChange.requested";
      flash.addFlashAttribute("notice", messages.getMessage(key, null, locale));
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
      keep(flash, typed);
    }
    return back(name);
  }

  @PostMapping("/change/cancel")
  String cancel(Actor actor, @PathVariable String name, RedirectAttributes flash, Locale locale) {
    try {
      owners.cancel(actor, name);
      flash.addFlashAttribute(
          "notice", messages.getMessage("ownerChange.cancelledNotice", null, locale));
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
    }
    return back(name);
  }

  /** What was typed, for the form to show again after a refusal (the session stores plain maps). */
  private static void keep(RedirectAttributes flash, DomainOwner typed) {
    HashMap<String, String> fields = new HashMap<>();
    fields.put("name", typed.name());
    fields.put("organisation", typed.organisation());
    fields.put("email", typed.email());
    fields.put("address", typed.address());
    fields.put("phone", typed.phone());
    flash.addFlashAttribute("typed", fields);
  }

  private static String back(String name) {
    return "redirect:/account/contacts/services/domain/" + name + "/owner";
  }
}
