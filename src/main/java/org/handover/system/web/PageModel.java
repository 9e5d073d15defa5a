package org.handover.system.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.handover.system.HandoverProperties;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What every page's layout needs: provider name, demo flag, who is signed in, this page's URL. */
@ControllerAdvice(annotations = Controller.class)
class PageModel {

  private static final Dates DATES = new Dates();

  private final HandoverProperties properties;

  PageModel(HandoverProperties properties) {
    this.properties = properties;
  }

  @ModelAttribute("providerName")
  String providerName() {
    return properties.providerName();
  }

  @ModelAttribute("demoMode")
  boolean demoMode() {
    return properties.demo().enabled();
  }

  @ModelAttribute("dates")
  Dates dates() {
    return DATES;
  }

  @ModelAttribute("signedIn")
  String signedIn(Principal principal) {
    return principal == null ? null : principal.getName();
  }

  /**
   * This page's path and query without {@code lang}, for the language links; never with a code
   * ({@code token}, {@code code}): a code opened from an email stays in that one address.
   */
  @ModelAttribute("currentPath")
  String currentPath(HttpServletRequest request) {
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
