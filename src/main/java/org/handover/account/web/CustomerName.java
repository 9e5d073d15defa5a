package org.handover.account.web;

import java.security.Principal;
import org.handover.account.PanelCustomer;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The signed-in customer's name, shown in the account menu under the customer ID on every page;
 * taken from the session's principal, so a page costs no query for it.
 */
@ControllerAdvice(annotations = Controller.class)
class CustomerName {

  @ModelAttribute("customerName")
  String customerName(Principal principal) {
    return principal instanceof Authentication authentication
            && authentication.getPrincipal() instanceof PanelCustomer customer
        ? customer.displayName()
        : null;
  }
}
