package org.handover.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.handover.owner.OwnerChanges;
import org.handover.owner.api.OwnerViews.ChangeJson;
import org.handover.owner.api.OwnerViews.OwnerJson;
import org.handover.system.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator API: any domain's owner record with its open change, and aborting that change. */
@OperatorApi
@RestController
@RequestMapping("/operator/v1/services/domain/{name}/owner")
class OperatorOwnersApi {

  private final OwnerChanges owners;

  OperatorOwnersApi(OwnerChanges owners) {
    this.owners = owners;
  }

  @GetMapping
  OwnerJson get(@PathVariable String name) {
    return OwnerJson.of(owners.view(name));
  }

  @JsonIgnoreProperties(ignoreUnknown = false)
  record AbortBody(String reason) {}

  /** Aborts the open owner change with a reason the registrants and the admin read. */
  @PostMapping("/change/abort")
  ChangeJson abort(Actor operator, @PathVariable String name, @RequestBody AbortBody body) {
    return ChangeJson.of(owners.abort(operator, name, body == null ? null : body.reason()));
  }
}
