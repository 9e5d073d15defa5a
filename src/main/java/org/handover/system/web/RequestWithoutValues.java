package org.handover.system.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/**
 * A request as {@link RenderedOnce} renders a block from it: the same application and address (for
 * links), but no parameter, no session and attributes of its own, so that a block rendered once can
 * hold nothing of the request that happened to render it first, and the rendering cannot disturb
 * the page being rendered around it.
 */
final class RequestWithoutValues extends HttpServletRequestWrapper {

  private final Map<String, Object> attributes = new HashMap<>();

  RequestWithoutValues(HttpServletRequest request) {
    super(request);
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    return Collections.enumeration(attributes.keySet());
  }

  @Override
  public void setAttribute(String name, Object value) {
    attributes.put(name, value);
  }

  @Override
  public void removeAttribute(String name) {
    attributes.remove(name);
  }

  @Override
  public String getParameter(String name) {
    return null;
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return Map.of();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.emptyEnumeration();
  }

  @Override
  public String[] getParameterValues(String name) {
    return null;
  }

  @Override
  public String getQueryString() {
    return null;
  }

  @Override
  public HttpSession getSession(boolean create) {
    return null;
  }

  @Override
  public HttpSession getSession() {
    throw new IllegalStateException("a block rendered once has no session");
  }
}
