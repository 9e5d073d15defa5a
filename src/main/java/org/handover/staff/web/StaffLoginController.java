package org.handover.staff.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.handover.security.InterruptedForms;
import org.handover.staff.StaffAccess;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The staff sign-in page (the identity provider's button, or the demo staff form), and the resume
 * page.
 */
@Controller
class StaffLoginController {

  private final StaffAccess access;
  private final LocaleResolver locales;

  StaffLoginController(StaffAccess access, LocaleResolver locales) {
    this.access = access;
    this.locales = locales;
  }

  @GetMapping("/operator/console/login")
  String login(HttpServletRequest request, Model model) {
    // a refused sign-in comes back with the name typed, once
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(StaffAccess.TYPED_NAME) instanceof String typed) {
      session.removeAttribute(StaffAccess.TYPED_NAME);
      model.addAttribute("typedName", typed);
    }
    model.addAttribute("oidc", access.oidc());
    model.addAttribute("demoStaff", access.demoStaff());
    model.addAttribute("demoAccounts", String.join(", ", access.demoAccounts()));
    model.addAttribute("demoPassword", access.demoPassword());
    return "staff/login";
  }

  /**
   * Where a staff member lands after signing in again when their session ended while they sent a
   * form: the form, refilled with what they typed, ready to be sent again.
   */
  @GetMapping("/operator/console/resume")
  String resume(HttpServletRequest request, HttpServletResponse response, Model model) {
    return InterruptedForms.take(request)
        .map(
            form -> {
              // in the language the form was sent in (the new sign-in knows none of its own)
              locales.setLocale(request, response, form.language());
              LocaleContextHolder.setLocale(form.language());
              model.addAttribute("form", form);
              model.addAttribute("layout", "fragments/console");
              return "security/resume";
            })
        .orElse("redirect:/operator/console");
  }
}
