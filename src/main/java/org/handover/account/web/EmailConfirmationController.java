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

  @GetMapping
  String page(
      @RequestParam(defaultValue = "") String nic,
      @RequestParam(defaultValue = "") String token,
      Model model) {
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
      Locale locale) {
    model.addAttribute("nic", nic);
    model.addAttribute("token", token);
    try {
      confirmation.confirmEmail(Nic.parse(nic), token, Actor.visitor(request.getRemoteAddr()));
      model.addAttribute("confirmed", true);
    } catch (HandoverException refused) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("alert", refused.message(locale));
    }
    return "account/confirm-email";
  }
}
