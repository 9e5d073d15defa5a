package org.handover.access.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.handover.access.AccessCategory;
import org.handover.access.ActionCatalogue;
import org.handover.access.Policies;
import org.handover.access.Policy;
import org.handover.access.ServiceAccess;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceType;
import org.handover.system.Actor;
import org.handover.system.FieldTooLong;
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
import org.springframework.web.util.UriUtils;

/**
 * A service's Access page: its contacts' implicit rights and the policies that reach it, for anyone
 * holding a role on it (404 otherwise); the administrator may give access and revoke it, both
 * behind step-up like handing a role over.
 */
@Controller
@RequestMapping("/account/contacts/services/{type}/{name}/access")
class ServiceAccessController {

  /** The durations the form offers; "none" is until revoked. */
  static final List<String> DURATIONS = ShareForm.DURATIONS;

  private final ServiceAccess access;
  private final Policies policies;
  private final MessageSource messages;
  private final ActionCatalogue catalogue;

  ServiceAccessController(
      ServiceAccess access, Policies policies, MessageSource messages, ActionCatalogue catalogue) {
    this.access = access;
    this.policies = policies;
    this.messages = messages;
    this.catalogue = catalogue;
  }

  @GetMapping
  String show(Actor actor, @PathVariable String type, @PathVariable String name, Model model) {
    ServiceAccess.View view = access.of(actor.nic(), type(type, name), name);
    model.addAttribute("view", view);
    model.addAttribute("service", view.service());
    model.addAttribute("categories", AccessCategory.values());
    model.addAttribute("catalogue", catalogue);
    model.addAttribute("durations", DURATIONS);
    model.addAttribute("me", actor.nic());
    if (!model.containsAttribute("shareForm")) {
      model.addAttribute("shareForm", ShareForm.empty());
    }
    return "access/service";
  }

  @StepUp
  @PostMapping
  String share(
      Actor actor,
      @PathVariable String type,
      @PathVariable String name,
      @RequestParam(defaultValue = "") String grantee,
      @RequestParam(name = "category", required = false) List<String> chosen,
      @RequestParam(defaultValue = "none") String duration,
      @RequestParam(defaultValue = "") String policyName,
      RedirectAttributes flash,
      Locale locale) {
    ServiceType serviceType = type(type, name);
    Set<AccessCategory> categories = EnumSet.noneOf(AccessCategory.class);
    for (String c : chosen == null ? List.<String>of() : chosen) {
      for (AccessCategory known : AccessCategory.values()) {
        if (known.name().equals(c)) {
          categories.add(known);
        }
      }
    }
    try {
      // the form's maxlength: a customer ID is at most 27 characters, a policy name 100
      FieldTooLong.check("access.page.grantee", grantee, 32);
      FieldTooLong.check("field.policyName", policyName, 100);
      if (categories.isEmpty()) {
        flash.addFlashAttribute("alert", text("access.page.noneChosen", locale));
        flash.addFlashAttribute(
            "shareForm", ShareForm.typed(grantee, chosen, duration, policyName));
      } else {
        Policy p =
            access.share(
                actor,
                serviceType,
                name,
                grantee,
                categories,
                DURATIONS.contains(duration) && !duration.equals("none")
                    ? Duration.parse(duration)
                    : null,
                policyName.isBlank() ? text("access.page.defaultName", locale) : policyName);
        flash.addFlashAttribute(
            "notice",
            messages.getMessage(
                "access.page.granted", new Object[] {String.join(", ", names(p))}, locale));
      }
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
      flash.addFlashAttribute("shareForm", ShareForm.typed(grantee, chosen, duration, policyName));
    }
    return back(serviceType, name);
  }

  @StepUp
  @PostMapping("/{id}/revoke")
  String revoke(
      Actor actor,
      @PathVariable String type,
      @PathVariable String name,
      @PathVariable String id,
      RedirectAttributes flash,
      Locale locale) {
    ServiceType serviceType = type(type, name);
    policies.revoke(actor, id);
    flash.addFlashAttribute("notice", text("access.page.revoked", locale));
    return back(serviceType, name);
  }

  /** The Access page again, its path built (a redirect is checked as a plain local path). */
  private static String back(ServiceType type, String name) {
    return "redirect:/account/contacts/services/"
        + type.name()
        + "/"
        + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8)
        + "/access";
  }

  private static List<String> names(Policy p) {
    return p.grantees().stream().map(n -> n.value()).toList();
  }

  private String text(String key, Locale locale) {
    return messages.getMessage(key, null, locale);
  }

  private static ServiceType type(String type, String name) {
    return ServiceType.parse(type)
        .orElseThrow(() -> new HostedServices.ServiceNotFound(ServiceType.domain, name));
  }
}
