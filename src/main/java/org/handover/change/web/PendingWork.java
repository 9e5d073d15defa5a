package org.handover.change.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Map;
import org.handover.account.PanelCustomer;
import org.handover.change.ChangeQueries;
import org.handover.system.web.LayoutModel;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Puts on every page a signed-in customer sees how many change sets wait for their token, for the
 * navigation's "To confirm (n)". One indexed count, for a page only ({@code PageLayout}): a REST
 * call or a redirect never counts, while a page a form post shows (a form shown again with its
 * error, a refusal) has the same header as every other.
 */
@Component
class PendingWork implements LayoutModel {

  private final ChangeQueries changes;

  PendingWork(ChangeQueries changes) {
    this.changes = changes;
  }

  @Override
  public void addTo(Map<String, Object> model, HttpServletRequest request, Principal principal) {
    model.put("awaitingCount", awaitingCount(principal));
  }

  private Integer awaitingCount(Principal principal) {
    if (!(principal instanceof Authentication auth)
        || !(auth.getPrincipal() instanceof PanelCustomer customer)) {
      return null;
    }
    return changes.awaitingCount(customer.nic());
  }
}
