package org.handover.change.api;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.handover.apiauth.ApiCaller;
import org.handover.apiauth.ApiErrors;
import org.handover.apiauth.OvhApi;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceType;
import org.handover.catalog.api.ServiceRoutes;
import org.handover.change.ChangeItem;
import org.handover.change.RequestChanges;
import org.handover.change.WantedContacts;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The service routes of every category ({@code /domain}, {@code /hosting/web}, …): list, {@code
 * serviceInfos} and {@code changeContact}, each mapped once for every category by {@link
 * ServiceRoutes}; the category is the {@link ServiceType} parameter.
 */
@OvhApi
@RestController("servicesApi")
class ServicesApi {

  private final HostedServices services;
  private final RequestChanges changes;
  private final Clock clock;

  ServicesApi(HostedServices services, RequestChanges changes, Clock clock) {
    this.clock = clock;
    this.services = services;
    this.changes = changes;
  }

  List<String> list(ApiCaller caller, ServiceType type) {
    return services.namesFor(caller.nic(), type);
  }

  ServiceInfoView serviceInfos(ApiCaller caller, ServiceType type, @PathVariable String name) {
    return ServiceInfoView.of(services.requireVisibleTo(caller.nic(), type, name), clock);
  }

  List<Long> changeContact(
      ApiCaller caller,
      ServiceType type,
      @PathVariable String name,
      @RequestBody Map<String, Object> body) {
    WantedContacts wanted;
    try {
      wanted = WantedContacts.fromApiBody(body);
    } catch (WantedContacts.Invalid invalid) {
      throw new ApiErrors.BadRequest(invalid.key(), invalid.args());
    }
    return changes
        .request(caller.actor(), type, name, wanted)
        .map(set -> set.items().stream().map(ChangeItem::taskId).toList())
        .orElse(List.of());
  }

  /** Maps the three handlers under every category, once each. */
  @Component
  static class Routes implements SmartInitializingSingleton {

    private final RequestMappingHandlerMapping mapping;

    Routes(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
      this.mapping = mapping;
    }

    @Override
    public void afterSingletonsInstantiated() {
      register(RequestMethod.GET, "", "list");
      register(RequestMethod.GET, "/{name}/serviceInfos", "serviceInfos");
      register(RequestMethod.POST, "/{name}/changeContact", "changeContact");
    }

    private void register(RequestMethod method, String suffix, String handler) {
      ServiceRoutes.register(mapping, "servicesApi", ServicesApi.class, handler, method, suffix);
    }
  }
}
