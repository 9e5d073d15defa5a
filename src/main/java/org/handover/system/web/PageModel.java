package org.handover.system.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Map;
import org.handover.system.HandoverProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** What every page's layout needs: provider name, demo flag, who is signed in, this page's URL. */
@Component
class PageModel implements LayoutModel {

  private static final Dates DATES = new Dates();

  /** {@code SignIns.PENDING} without its {@code ROLE_} prefix, as {@code isUserInRole} takes it. */
  static final String PENDING_SECOND_FACTOR = "PENDING_SECOND_FACTOR";

  private final HandoverProperties properties;

  PageModel(HandoverProperties properties) {
    this.properties = properties;
  }

  @Override
  public void addTo(Map<String, Object> model, HttpServletRequest request, Principal principal) {
    model.put("providerName", properties.providerName());
    model.put("demoMode", properties.demo().enabled());
    model.put("dates", DATES);
    // a sign-in waiting for its second factor is not signed in yet: no panel menu, whose every
    // link would lead back to the second step (the role is SignIns.PENDING)
    boolean signedIn = principal != null && !request.isUserInRole(PENDING_SECOND_FACTOR);
    model.put("signedIn", signedIn ? principal.getName() : null);
    model.put("currentPath", currentPath(request));
  }

  /**
   * This page's path and query without {@code lang}, for the language links; never with a code
   * ({@code token}, {@code code}): a code opened from an email stays in that one address.
   */
  private static String currentPath(HttpServletRequest request) {
    String query = request.getQueryString();
    return UriComponentsBuilder.fromPath(request.getRequestURI())
        .query(query)
        .replaceQueryParam("lang")
        .replaceQueryParam("token")
        .replaceQueryParam("code")
        .build()
        .toUriString();
  }
}
