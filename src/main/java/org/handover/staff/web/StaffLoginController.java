package org.handover.staff.web;

import org.handover.staff.StaffAccess;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff sign-in page: the identity provider's button, or the demo staff form. */
@Controller
class StaffLoginController {

  private final StaffAccess access;

  StaffLoginController(StaffAccess access) {
    this.access = access;
  }

  @GetMapping("/operator/console/login")
  String login(Model model) {
    model.addAttribute("oidc", access.oidc());
    model.addAttribute("demoStaff", access.demoStaff());
    model.addAttribute("demoAccounts", String.join(", ", access.demoAccounts()));
    model.addAttribute("demoPassword", access.demoPassword());
    return "staff/login";
  }
}
