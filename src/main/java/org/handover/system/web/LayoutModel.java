package org.handover.system.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Map;

/**
 * A part of what every page's layout shows (the provider's name, who is signed in, their pending
 * work…), added by {@link PageLayout} to the model of a page, that is a view rendered by name;
 * never asked for a REST call, a redirect or a response body. A feature adds its part as a bean.
 */
public interface LayoutModel {

  /** Puts this part's attributes in {@code model}; a page's own attribute of a name wins. */
  void addTo(Map<String, Object> model, HttpServletRequest request, Principal principal);
}
