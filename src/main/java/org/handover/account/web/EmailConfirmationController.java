package org.handover.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.handover.account.AddressConfirmation;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.Nic;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The sign-up email's link. Opening it changes nothing (mail scanners follow links); the button on
 * the page confirms the address.
 */
@Controller
@RequestMapping("/signup/confirm")
class EmailConfirmationController {

  private final AddressConfirmation confirmation;

  EmailConfirmationController(AddressConfirmation confirmation) {
    this.confirmation = confirmation;
  }

  /**
   * The link's page; after a confirmation ({@code ?done}), its answer, once: loaded again later
   * (the flash is gone) it leads to the next step, signing in.
   */
  @GetMapping
  String page(
      @RequestParam(defaultValue = "") String nic,
      @RequestParam(defaultValue = "") String token,
      HttpServletRequest request,
      Model model) {
    if (request.getParameterMap().containsKey("done")) {
      return model.containsAttribute("confirmed") ? "account/confirm-email" : "redirect:/login";
    }
    model.addAttribute("nic", nic);
    model.addAttribute("token", token);
    return "account/confirm-email";
  }

  @PostMapping
  String confirm(
      @RequestParam(defaultValue = "") String nic,
      @RequestParam(defaultValue = "") String token,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes flash,
      Locale locale) {
    try {
      confirmation.confirmEmail(Nic.parse(nic), token, Actor.visitor(request.getRemoteAddr()));
    } catch (HandoverException refused) {
      model.addAttribute("nic", nic);
      model.addAttribute("token", token);
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("alert", refused.message(locale));
      return "account/confirm-email";
    }
    // a page of its own, so that reloading it does not send the spent code again
    flash.addFlashAttribute("confirmed", true);
    return "redirect:/signup/confirm?done";
  }
}
