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
 * navigation's "Awaiting your confirmation (n)". One indexed count, on page views (GET) only: a
 * REST call, a redirect or a form post that answers with a redirect never counts.
 */
@Component
class PendingWork implements LayoutModel {

  private final ChangeQueries changes;

  PendingWork(ChangeQueries changes) {
    this.changes = changes;
  }

  @Override
  public void addTo(Map<String, Object> model, HttpServletRequest request, Principal principal) {
    model.put("awaitingCount", awaitingCount(principal, request));
  }

  private Integer awaitingCount(Principal principal, HttpServletRequest request) {
    if (!"GET".equals(request.getMethod())
        || !(principal instanceof Authentication auth)
        || !(auth.getPrincipal() instanceof PanelCustomer customer)) {
      return null;
    }
    return changes.awaitingCount(customer.nic());
  }
}
