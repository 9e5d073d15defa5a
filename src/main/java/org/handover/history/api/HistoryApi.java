package org.handover.history.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.handover.apiauth.ApiCaller;
import org.handover.apiauth.ApiResponses;
import org.handover.apiauth.OvhApi;
import org.handover.catalog.ServiceType;
import org.handover.catalog.api.ServiceRoutes;
import org.handover.history.HistoryEntry;
import org.handover.history.HistoryPage;
import org.handover.history.ServiceHistory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * {@code GET /{prefix}/{name}/history}: a service's contact and owner history, Handover's own
 * extension of the reference API. Mapped under every category's prefix by {@link Routes}; the
 * category is the {@link ServiceType} parameter.
 */
@OvhApi
@RestController("historyApi")
@Tag(
    name = "Handover extension: service history",
    description =
        "Not in the reference API. Who held which contact role from when, changed by which"
            + " request or support case, and changes of a domain's owner; newest first, "
            + ServiceHistory.PAGE
            + " events a page. Only for a service the caller holds a role on today.")
class HistoryApi {

  private final ServiceHistory history;

  HistoryApi(ServiceHistory history) {
    this.history = history;
  }

  /** One event as the API shows it; {@code changeSetId} only for sets the caller is a member of. */
  record Event(
      long id,
      String date,
      String action,
      List<String> contactTypes,
      String fromAccount,
      String toAccount,
      String by,
      String byAccount,
      Long changeSetId,
      Long supportCaseId) {

    static Event of(HistoryEntry e) {
      return new Event(
          e.id(),
          ApiResponses.datetime(e.at()),
          e.action(),
          e.roleNames(),
          e.from(),
          e.to(),
          e.by().name(),
          e.byNic(),
          e.setId(),
          e.caseId());
    }
  }

  /** A page of events; {@code next} is the {@code before} of the next (older) page, or null. */
  record Page(List<Event> events, Long next) {}

  @Operation(
      summary = "A service's contact and owner history, newest first (Handover extension)",
      description =
          "Pass the previous answer's next as before for the following page. A service the caller"
              + " holds no role on is not found, whether or not it exists.")
  Page history(
      ApiCaller caller,
      ServiceType type,
      @PathVariable String name,
      @Parameter(description = "id of the last event of the previous page")
          @RequestParam(required = false)
          String before) {
    HistoryPage page =
        history.forCustomer(
            caller.nic(), type, name, ApiResponses.before(before, "api.error.before.event"));
    return new Page(page.entries().stream().map(Event::of).toList(), page.nextBefore());
  }

  /** Maps {@link HistoryApi#history} under every category, once ({@link ServiceRoutes}). */
  @Component
  static class Routes implements SmartInitializingSingleton {

    private final RequestMappingHandlerMapping mapping;

    Routes(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
      this.mapping = mapping;
    }

    @Override
    public void afterSingletonsInstantiated() {
      ServiceRoutes.register(
          mapping, "historyApi", HistoryApi.class, "history", RequestMethod.GET, "/{name}/history");
    }
  }
}
