package org.handover.reassignment.web;

import java.util.Locale;
import org.handover.reassignment.ReassignmentCase;
import org.handover.reassignment.Reassignments;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.Messages;
import org.handover.system.Nic;
import org.handover.system.web.Flash;
import org.handover.system.web.StepUp;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A reassignment case as its customers see it (signed in): current contacts may veto it, the new
 * contact confirms it with the emailed code. Opening the page changes nothing.
 */
@Controller
@RequestMapping("/account/support/cases/{id}")
class ReassignmentController {

  private final Reassignments cases;

  ReassignmentController(Reassignments cases) {
    this.cases = cases;
  }

  @GetMapping
  String show(
      Actor customer,
      @PathVariable long id,
      @RequestParam(required = false) String token,
      Model model,
      Locale locale) {
    ReassignmentCase c = cases.visibleTo(customer.nic(), id);
    model.addAttribute("c", c);
    model.addAttribute(
        "services",
        Messages.list(locale, c.items().stream().map(ReassignmentCase.Item::serviceName).toList()));
    model.addAttribute("endReason", endReason(c, customer.nic(), locale));
    model.addAttribute("mayVeto", cases.mayVeto(customer.nic(), c));
    model.addAttribute("forNewContact", c.newContact().equals(customer.nic()));
    model.addAttribute(
        "mayConfirm",
        c.newContact().equals(customer.nic())
            && c.state().name().equals("coolingOff")
            && c.confirmedAt() == null);
    if (token != null || !model.containsAttribute("token")) {
      model.addAttribute("token", token); // else the code typed before a refusal, kept
    }
    return "reassign/case";
  }

  /**
   * Why the case ended as this reader reads it: "You vetoed it." to the one who did, another
   * customer named by ID; "you did not confirm" to the new contact. Null while it is open.
   */
  private static String endReason(ReassignmentCase c, Nic reader, Locale locale) {
    String key = c.endReasonKey();
    if (key == null) {
      return null;
    }
    boolean you =
        key.equals("case.end.notConfirmed")
            ? c.newContact().equals(reader)
            : c.endReasonArgument().equals(reader.value());
    return Messages.format(locale, you ? key + ".you" : key, c.endReasonArgument());
  }

  @PostMapping("/veto")
  String veto(Actor customer, @PathVariable long id, RedirectAttributes flash, Locale locale) {
    try {
      cases.veto(customer, id);
      flash.addFlashAttribute("notice", Messages.format(locale, "support.case.vetoed"));
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
    }
    return "redirect:/account/support/cases/" + id;
  }

  @StepUp
  @PostMapping("/confirm")
  String confirm(
      Actor customer,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String token,
      RedirectAttributes flash,
      Locale locale) {
    try {
      cases.confirm(customer, id, token);
      flash.addFlashAttribute("notice", Messages.format(locale, "support.case.confirmed"));
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
      flash.addFlashAttribute("token", token);
    }
    return "redirect:/account/support/cases/" + id;
  }
}
