package org.handover.system.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Adds the layout's model ({@link LayoutModel} parts) to a page once its handler has chosen the
 * view: only when a view is rendered by name, so a REST call, a response body or a redirect costs
 * nothing (not even a test of whether it applies, which Spring made per request for the page-model
 * advices this replaces). What the handler put in the model under the same name stays.
 */
final class PageLayout implements HandlerInterceptor {

  private final List<LayoutModel> parts;

  PageLayout(List<LayoutModel> parts) {
    this.parts = List.copyOf(parts);
  }

  @Override
  public void postHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView mav) {
    if (mav == null || !isPage(mav.getViewName())) {
      return;
    }
    fill(mav, request, request.getUserPrincipal());
  }

  /**
   * The same on a page an exception handler renders ({@link WebErrors}): Spring calls no {@code
   * postHandle} after a handler threw, so a refusal page had the header of a page only where a part
   * was copied by hand (it lacked the name in the account menu and "To confirm (n)"). Only a
   * customer gets the panel's account menu (staff see the console's own pages).
   */
  void fillRefusal(ModelAndView page, HttpServletRequest request) {
    boolean customer = request.isUserInRole("CUSTOMER");
    fill(page, request, customer ? request.getUserPrincipal() : null);
  }

  private void fill(ModelAndView mav, HttpServletRequest request, Principal principal) {
    Map<String, Object> layout = new HashMap<>();
    for (LayoutModel part : parts) {
      part.addTo(layout, request, principal);
    }
    mav.getModelMap().mergeAttributes(layout);
  }

  /** A template's name: not a {@code View} object, nor a redirect or forward. */
  static boolean isPage(String viewName) {
    return viewName != null
        && !viewName.startsWith("redirect:")
        && !viewName.startsWith("forward:");
  }
}
