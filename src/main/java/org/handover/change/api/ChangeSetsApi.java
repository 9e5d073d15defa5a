package org.handover.change.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.handover.apiauth.ApiCaller;
import org.handover.apiauth.ApiErrors;
import org.handover.apiauth.ApiResponses;
import org.handover.apiauth.OvhApi;
import org.handover.catalog.ServiceKey;
import org.handover.catalog.ServiceNames;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeItem;
import org.handover.change.ChangeQueries;
import org.handover.change.ChangeSet;
import org.handover.change.RequestChanges;
import org.handover.change.WantedContacts;
import org.handover.contact.ContactRole;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /me/contactChangeSet}: Handover's own extension of the reference API, a bulk handover of
 * the same roles on many services as one change set, confirmed by each person once.
 */
@OvhApi
@RestController
@RequestMapping({"/1.0/me/contactChangeSet", "/v1/me/contactChangeSet"})
@Tag(
    name = "Handover extension: change sets",
    description =
        "Not in the reference API. A change set is what one person asks for at once; each person"
            + " who must confirm gets one code for the whole set, and the set is applied when all"
            + " have accepted, every item or none. Its items are the reference API's tasks"
            + " (/me/task/contactChange/{id}); accepting any of them with one's code accepts the"
            + " whole set.")
class ChangeSetsApi {

  private final RequestChanges requests;
  private final ChangeQueries changes;

  ChangeSetsApi(RequestChanges requests, ChangeQueries changes) {
    this.requests = requests;
    this.changes = changes;
  }

  /** A service named in a set request. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  record ServiceRef(String type, String name) {}

  /** The body of a set request: the services, and any of the three role fields. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  record SetRequest(
      List<ServiceRef> services, String contactAdmin, String contactTech, String contactBilling) {}

  /** A new set: its id and the ids of its tasks. */
  record Created(long id, List<Long> taskIds) {}

  /** A set with its items (tasks), parties and state. */
  record SetView(
      long id,
      String askingAccount,
      String state,
      String dateRequest,
      String dateDone,
      String expiresAt,
      String reason,
      List<TaskView.Party> parties,
      int itemCount,
      List<Item> items) {}

  /** One item (task) of a set. */
  record Item(
      long id,
      String serviceType,
      String serviceDomain,
      List<String> contactTypes,
      String fromAccount,
      String toAccount) {}

  @Operation(
      summary = "Hand the same roles of many services over at once (Handover extension)",
      description =
          "Up to "
              + RequestChanges.MAX_SET_SERVICES
              + " services. A role whose new contact is already its holder is no change. Any"
              + " service the rules refuse refuses the whole request (nothing is created); the"
              + " control panel's review leaves such services out instead.")
  @PostMapping
  Created create(ApiCaller caller, @RequestBody SetRequest body) {
    if (body == null
        || body.services() == null
        || body.services().isEmpty()
        || body.services().size() > RequestChanges.MAX_SET_SERVICES) {
      throw new ApiErrors.BadRequest("api.error.set.services", RequestChanges.MAX_SET_SERVICES);
    }
    Map<ContactRole, String> fields = new EnumMap<>(ContactRole.class);
    fields.put(ContactRole.admin, body.contactAdmin());
    fields.put(ContactRole.tech, body.contactTech());
    fields.put(ContactRole.billing, body.contactBilling());
    WantedContacts wanted = WantedContacts.fromFields(fields);
    if (wanted.isEmpty()) {
      throw new ApiErrors.BadRequest("api.error.set.noContact");
    }
    Set<ServiceKey> keys = new LinkedHashSet<>();
    for (ServiceRef ref : body.services()) {
      keys.add(key(ref));
    }
    ChangeSet set = requests.requestSet(caller.actor(), new ArrayList<>(keys), wanted, false);
    return new Created(set.id(), set.items().stream().map(ChangeItem::taskId).toList());
  }

  @Operation(summary = "A change set, its items, parties and state (Handover extension)")
  @GetMapping("/{id}")
  SetView get(ApiCaller caller, @PathVariable long id) {
    ChangeSet set = changes.get(caller.nic(), id);
    return new SetView(
        set.id(),
        set.asker().value(),
        set.state().name(),
        ApiResponses.datetime(set.requestedAt()),
        ApiResponses.datetime(set.doneAt()),
        ApiResponses.datetime(set.expiresAt()),
        set.reason() == null ? null : set.reason().message(Locale.ENGLISH),
        set.parties().stream()
            .map(p -> new TaskView.Party(p.nic().value(), p.status().name()))
            .toList(),
        set.itemCount(),
        set.items().stream()
            .map(
                i ->
                    new Item(
                        i.taskId(),
                        i.serviceType().name(),
                        i.serviceName(),
                        i.sortedRoles().stream().map(ContactRole::apiName).toList(),
                        i.from().value(),
                        i.to().value()))
            .toList());
  }

  private static ServiceKey key(ServiceRef ref) {
    if (ref == null || ref.type() == null || ref.name() == null) {
      throw new ApiErrors.BadRequest("api.error.set.service");
    }
    ServiceType type =
        ServiceType.parse(ref.type())
            .or(() -> ServiceType.fromApiPrefix(ref.type()))
            .orElseThrow(
                () -> ApiErrors.unknown("api.error.serviceType", ref.type(), ServiceType.names()));
    return new ServiceKey(type, ServiceNames.lookup(ref.name()));
  }
}
