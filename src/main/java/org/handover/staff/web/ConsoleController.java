package org.handover.staff.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's start page: search over accounts, services and requests. */
@Controller
class ConsoleController {

  @GetMapping("/operator/console")
  String home() {
    return "staff/home";
  }
}
