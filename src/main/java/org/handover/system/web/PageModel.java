package org.handover.system.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.function.BiConsumer;
import org.handover.system.HandoverProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/** What every page's layout needs: provider name, demo flag, who is signed in, this page's URL. */
@ControllerAdvice(annotations = Controller.class)
class PageModel {

  private static final Dates DATES = new Dates();

  private final HandoverProperties properties;

  PageModel(HandoverProperties properties) {
    this.properties = properties;
  }

  /**
   * Everything at once: one model-attribute method instead of five, since Spring MVC builds and
   * invokes each one on every request, REST calls included (3 % of the web threads' CPU in the
   * 10:40 profile of issue 18 went to building them).
   */
  @ModelAttribute
  void page(Model model, Principal principal, HttpServletRequest request) {
    fill(model::addAttribute, principal, request);
  }

  /**
   * The same on a page an exception handler renders, which gets no model attributes: without them a
   * refusal page showed no provider name, menu or account, as if the customer were signed out. Only
   * a customer gets the panel's account menu (staff see the console's own pages).
   */
  void fill(ModelAndView page, HttpServletRequest request) {
    boolean customer = request.isUserInRole("CUSTOMER");
    fill(page::addObject, customer ? request.getUserPrincipal() : null, request);
  }

  private void fill(
      BiConsumer<String, Object> put, Principal principal, HttpServletRequest request) {
    put.accept("providerName", properties.providerName());
    put.accept("demoMode", properties.demo().enabled());
    put.accept("dates", DATES);
    put.accept("signedIn", principal == null ? null : principal.getName());
    put.accept("currentPath", currentPath(request));
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
