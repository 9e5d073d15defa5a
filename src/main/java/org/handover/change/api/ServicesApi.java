package org.handover.change.api;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.handover.apiauth.ApiCaller;
import org.handover.apiauth.ApiErrors;
import org.handover.apiauth.OvhApi;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeItem;
import org.handover.change.RequestChanges;
import org.handover.change.WantedContacts;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The service routes of every category ({@code /domain}, {@code /hosting/web}, …): list, {@code
 * serviceInfos} and {@code changeContact}. {@link Routes} maps them from {@link ServiceType}; the
 * category comes from the route that matched.
 */
@OvhApi
@RestController("servicesApi")
class ServicesApi {

  private final HostedServices services;
  private final RequestChanges changes;
  private final Routes routes;
  private final Clock clock;

  ServicesApi(HostedServices services, RequestChanges changes, Routes routes, Clock clock) {
    this.clock = clock;
    this.services = services;
    this.changes = changes;
    this.routes = routes;
  }

  List<String> list(ApiCaller caller, HttpServletRequest request) {
    return services.namesFor(caller.nic(), type(request));
  }

  ServiceInfoView serviceInfos(
      ApiCaller caller, @PathVariable String name, HttpServletRequest request) {
    return ServiceInfoView.of(
        services.requireVisibleTo(caller.nic(), type(request), name),
        LocalDate.now(clock.withZone(ZoneOffset.UTC)));
  }

  List<Long> changeContact(
      ApiCaller caller,
      @PathVariable String name,
      @RequestBody Map<String, Object> body,
      HttpServletRequest request) {
    WantedContacts wanted;
    try {
      wanted = WantedContacts.fromApiBody(body);
    } catch (WantedContacts.Invalid invalid) {
      throw new ApiErrors.BadRequest(invalid.getMessage());
    }
    return changes
        .request(caller.actor(), type(request), name, wanted)
        .map(set -> set.items().stream().map(ChangeItem::taskId).toList())
        .orElse(List.of());
  }

  /** The category of the route that matched. */
  private ServiceType type(HttpServletRequest request) {
    ServiceType type =
        routes.typeOf(
            String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)));
    if (type == null) {
      throw new IllegalStateException("not a service route: " + request.getRequestURI());
    }
    return type;
  }

  /**
   * Maps {@link ServicesApi}'s three handlers under the route prefix of every {@link ServiceType}
   * ({@code /1.0/hosting/web}, {@code /v1/domain/zone}, …): the prefixes live in the enum alone,
   * since an annotation cannot list an enum's values. Each route pattern remembers its type, so a
   * handler learns its category from the pattern that matched, without reading the URI.
   */
  @Component
  static class Routes implements SmartInitializingSingleton {

    static final String[] ROOTS = {"/1.0", "/v1"};

    private final RequestMappingHandlerMapping mapping;
    private final Map<String, ServiceType> types = new HashMap<>();

    Routes(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
      this.mapping = mapping;
    }

    @Override
    public void afterSingletonsInstantiated() {
      register(RequestMethod.GET, "", "list");
      register(RequestMethod.GET, "/{name}/serviceInfos", "serviceInfos");
      register(RequestMethod.POST, "/{name}/changeContact", "changeContact");
    }

    /** The category of the route pattern that matched; null for a pattern not registered here. */
    ServiceType typeOf(String matchedPattern) {
      return types.get(matchedPattern);
    }

    private void register(RequestMethod method, String suffix, String handler) {
      Method target = ReflectionUtils.findMethod(ServicesApi.class, handler, (Class<?>[]) null);
      if (target == null) {
        throw new IllegalStateException("ServicesApi has no method " + handler);
      }
      for (ServiceType type : ServiceType.values()) {
        String[] paths = new String[ROOTS.length];
        for (int i = 0; i < ROOTS.length; i++) {
          paths[i] = ROOTS[i] + "/" + type.apiPrefix() + suffix;
          types.put(paths[i], type);
        }
        mapping.registerMapping(
            RequestMappingInfo.paths(paths)
                .methods(method)
                .options(mapping.getBuilderConfiguration())
                .build(),
            "servicesApi",
            target);
      }
    }
  }
}
