package org.handover.change.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.handover.account.PanelCustomer;
import org.handover.change.ChangeQueries;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts on every page a signed-in customer sees how many change sets wait for their token, for the
 * navigation's "Awaiting your confirmation (n)". One indexed count, on page views (GET) only.
 */
@ControllerAdvice(annotations = Controller.class)
class PendingWork {

  private final ChangeQueries changes;

  PendingWork(ChangeQueries changes) {
    this.changes = changes;
  }

  @ModelAttribute("awaitingCount")
  Integer awaitingCount(Principal principal, HttpServletRequest request) {
    if (!"GET".equals(request.getMethod())
        || !(principal instanceof Authentication auth)
        || !(auth.getPrincipal() instanceof PanelCustomer customer)) {
      return null;
    }
    return changes.awaitingCount(customer.nic());
  }
}
