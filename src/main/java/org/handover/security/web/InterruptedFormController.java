package org.handover.security.web;

import jakarta.servlet.http.HttpServletRequest;
import org.handover.security.InterruptedForms;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where a customer lands after signing in again when their session ended while they sent a form:
 * the form, refilled with what they typed, ready to be sent again (see {@link InterruptedForms}).
 */
@Controller
class InterruptedFormController {

  @GetMapping("/account/session/resume")
  String resume(HttpServletRequest request, Model model) {
    return InterruptedForms.take(request)
        .map(
            form -> {
              model.addAttribute("form", form);
              model.addAttribute("layout", "fragments/layout");
              return "security/resume";
            })
        .orElse("redirect:/account/contacts/services");
  }
}
