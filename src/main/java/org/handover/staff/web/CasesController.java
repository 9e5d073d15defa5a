package org.handover.staff.web;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.handover.catalog.ServiceType;
import org.handover.contact.ContactRole;
import org.handover.reassignment.ReassignmentCase;
import org.handover.reassignment.ReassignmentErrors.InvalidCase;
import org.handover.reassignment.Reassignments;
import org.handover.system.Actor;
import org.handover.system.FieldTooLong;
import org.handover.system.HandoverException;
import org.handover.system.Messages;
import org.handover.system.Nic;
import org.handover.system.web.Flash;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Reassignment cases in the console: agents open them (services, role, new contact, evidence,
 * reason), supervisors approve administrator-role cases opened by someone else.
 */
@Controller
@RequestMapping("/operator/console/cases")
class CasesController {

  private final Reassignments cases;

  CasesController(Reassignments cases) {
    this.cases = cases;
  }

  @GetMapping
  String list(
      @RequestParam(defaultValue = "false") boolean open,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    Reassignments.CasePage found = cases.list(open, page, 50);
    model.addAttribute("cases", found.cases());
    model.addAttribute("casePage", found);
    model.addAttribute("open", open);
    return "staff/cases";
  }

  /** What the agent typed, so that a refused form comes back as it was sent. */
  record Typed(
      String type, String names, String role, String newContact, String evidence, String reason)
      implements Serializable {}

  @GetMapping("/new")
  String form(
      @RequestParam(defaultValue = "domain") String type,
      @RequestParam(defaultValue = "") String name,
      Model model) {
    if (!model.containsAttribute("typed")) {
      model.addAttribute("typed", new Typed(type, name, "admin", "", "", ""));
    }
    model.addAttribute("types", ServiceType.values());
    model.addAttribute("roles", ContactRole.values());
    return "staff/case-new";
  }

  @PostMapping
  String open(
      Actor staff,
      @RequestParam String type,
      @RequestParam String names,
      @RequestParam String role,
      @RequestParam String newContact,
      @RequestParam String evidence,
      @RequestParam String reason,
      RedirectAttributes flash,
      Locale locale) {
    try {
      // the form's maxlength, each refused with its label
      FieldTooLong.check("console.case.names", names, 20_000);
      FieldTooLong.check("console.request.to", newContact, 32);
      FieldTooLong.check("console.case.evidence", evidence, 2000);
      FieldTooLong.check("console.case.reason", reason, 2000);
      ServiceType kind =
          ServiceType.parse(type).orElseThrow(() -> InvalidCase.choice("console.service.type"));
      ContactRole which = parseRole(role);
      List<String> list =
          Arrays.stream(names.split("[\\s,]+"))
              .map(String::strip)
              .filter(n -> !n.isEmpty())
              .toList();
      ReassignmentCase opened =
          cases.open(staff, kind, list, which, Nic.parse(newContact), evidence, reason);
      flash.addFlashAttribute(
          "notice", Messages.format(locale, "console.case.opened", opened.id()));
      return "redirect:/operator/console/cases/" + opened.id();
    } catch (HandoverException refused) {
      if (refused.kind() == HandoverException.Kind.NOT_FOUND) {
        flash.addFlashAttribute("alert", refused.message(locale));
      } else {
        Flash.refusal(flash, refused, locale);
      }
      flash.addFlashAttribute("typed", new Typed(type, names, role, newContact, evidence, reason));
      return "redirect:/operator/console/cases/new";
    }
  }

  private static ContactRole parseRole(String role) {
    return Arrays.stream(ContactRole.values())
        .filter(r -> r.name().equals(role))
        .findFirst()
        .orElseThrow(() -> InvalidCase.choice("console.case.role"));
  }

  @GetMapping("/{id}")
  String show(@PathVariable long id, Model model) {
    model.addAttribute("c", cases.get(id));
    return "staff/case";
  }

  @PostMapping("/{id}/approve")
  String approve(Actor staff, @PathVariable long id, RedirectAttributes flash, Locale locale) {
    try {
      cases.approve(staff, id);
      flash.addFlashAttribute("notice", Messages.format(locale, "console.case.approved"));
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
    }
    return "redirect:/operator/console/cases/" + id;
  }
}
