package org.handover.owner.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.handover.apiauth.ApiCaller;
import org.handover.apiauth.ApiErrors;
import org.handover.apiauth.ApiResponses;
import org.handover.apiauth.OvhApi;
import org.handover.catalog.DomainOwner;
import org.handover.owner.OwnerChanges;
import org.handover.owner.OwnerChanges.Submitted;
import org.handover.owner.api.OwnerViews.ChangeJson;
import org.handover.owner.api.OwnerViews.OwnerJson;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /domain/{serviceName}/owner}: Handover's own routes for a domain's owner (registrant), its
 * corrections and its changes confirmed by both registrants.
 */
@OvhApi
@RestController
@RequestMapping({"/1.0/domain/{serviceName}/owner", "/v1/domain/{serviceName}/owner"})
@Tag(
    name = "Handover extension: domain owner",
    description =
        "Not in the reference API (whose owner routes differ). Any contact of a domain reads its"
            + " owner; only its administrator changes it. A new name, organisation or email is an"
            + " owner change that the current and the new registrant each confirm from an email"
            + " (one code when the email stays the same); the address and phone are corrected at"
            + " once, with an email to the registrant and the administrator. After a change the"
            + " registrar's transfer lock, when the provider sets one, is shown in"
            + " transferLockedUntil.")
class OwnerApi {

  private final OwnerChanges owners;

  OwnerApi(OwnerChanges owners) {
    this.owners = owners;
  }

  /** The owner record as sent by the administrator. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  record OwnerBody(String name, String organisation, String email, String address, String phone) {}

  /** What a PUT did: {@code corrected} at once, or {@code changeRequested} with the change. */
  record PutResult(String result, OwnerJson owner, ChangeJson change) {}

  @Operation(summary = "The domain's owner, transfer lock and open change (Handover extension)")
  @GetMapping
  OwnerJson get(ApiCaller caller, @PathVariable String serviceName) {
    return OwnerJson.of(owners.view(caller.nic(), serviceName));
  }

  @Operation(
      summary = "Correct the owner or request an owner change (Handover extension)",
      description =
          "Administrator only. All of name, email and address are required; organisation and"
              + " phone are optional. A new name, organisation or email opens an owner change"
              + " (409 when one is already open); otherwise the address and phone are corrected"
              + " at once.")
  @PutMapping
  PutResult put(ApiCaller caller, @PathVariable String serviceName, @RequestBody OwnerBody body) {
    if (body == null) {
      throw new ApiErrors.BadRequest("api.error.owner.body");
    }
    Submitted done =
        owners.submit(
            caller.actor(),
            serviceName,
            DomainOwner.of(
                body.name(), body.organisation(), body.email(), body.address(), body.phone()));
    OwnerJson now = OwnerJson.of(owners.view(caller.nic(), serviceName));
    return new PutResult(
        done.corrected() ? "corrected" : "changeRequested",
        now,
        done.change().map(ChangeJson::of).orElse(null));
  }

  @Operation(summary = "The domain's open owner change, 404 when none (Handover extension)")
  @GetMapping("/change")
  ChangeJson change(ApiCaller caller, @PathVariable String serviceName) {
    return ChangeJson.of(owners.openChange(caller.nic(), serviceName));
  }

  @Operation(summary = "Cancel the open owner change; administrator only (Handover extension)")
  @PostMapping("/change/cancel")
  ResponseEntity<String> cancel(ApiCaller caller, @PathVariable String serviceName) {
    owners.cancel(caller.actor(), serviceName);
    return ApiResponses.nothing();
  }
}
