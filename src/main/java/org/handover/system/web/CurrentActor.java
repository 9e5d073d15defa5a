package org.handover.system.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets controllers take an {@link Actor} parameter: the signed-in customer, with the client address
 * for the audit log.
 */
class CurrentActor implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Actor.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mav,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    if (request != null && request.getAttribute(Actor.REQUEST_ATTRIBUTE) instanceof Actor set) {
      return set;
    }
    Principal principal = request == null ? null : request.getUserPrincipal();
    if (principal == null) {
      throw new InsufficientAuthenticationException("sign in first");
    }
    return Actor.customer(Nic.parse(principal.getName()), request.getRemoteAddr());
  }
}
