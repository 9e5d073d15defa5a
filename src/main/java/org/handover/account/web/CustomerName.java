package org.handover.account.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Map;
import org.handover.account.PanelCustomer;
import org.handover.system.web.LayoutModel;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The signed-in customer's name, shown in the account menu under the customer ID on every page;
 * taken from the session's principal, so a page costs no query for it.
 */
@Component
class CustomerName implements LayoutModel {

  @Override
  public void addTo(Map<String, Object> model, HttpServletRequest request, Principal principal) {
    model.put(
        "customerName",
        principal instanceof Authentication authentication
                && authentication.getPrincipal() instanceof PanelCustomer customer
            ? customer.displayName()
            : null);
  }
}
