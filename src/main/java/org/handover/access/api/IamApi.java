package org.handover.access.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.handover.access.AccessDecisions;
import org.handover.access.Decision;
import org.handover.access.IamResources;
import org.handover.access.Policies;
import org.handover.access.api.PolicyViews.PolicyBody;
import org.handover.access.api.PolicyViews.PolicyView;
import org.handover.apiauth.ApiCaller;
import org.handover.apiauth.ApiErrors;
import org.handover.apiauth.ApiResponses;
import org.handover.apiauth.OvhApi;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reference IAM v2 API's subset, signed like every customer call: {@code /v2/iam/policy} (list,
 * create, read, replace, delete: the caller's own policies only), {@code /v2/iam/resource} (the
 * services the caller administers), {@code /v2/iam/reference/action} and the caller's own {@code
 * authorization/check} on one service.
 */
@OvhApi
@RestController
@RequestMapping("/v2/iam")
class IamApi {

  private final Policies policies;
  private final IamResources resources;
  private final AccessDecisions decisions;

  IamApi(Policies policies, IamResources resources, AccessDecisions decisions) {
    this.policies = policies;
    this.resources = resources;
    this.decisions = decisions;
  }

  @GetMapping("/policy")
  List<PolicyView> list(ApiCaller caller) {
    return policies.ownedBy(caller.nic()).stream()
        .map(p -> PolicyViews.of(p, resources.urns()))
        .toList();
  }

  @PostMapping("/policy")
  PolicyView create(ApiCaller caller, @RequestBody PolicyBody body) {
    return PolicyViews.of(policies.create(caller.actor(), body.draft()), resources.urns());
  }

  @GetMapping("/policy/{id}")
  PolicyView read(ApiCaller caller, @PathVariable String id) {
    return PolicyViews.of(policies.owned(caller.nic(), id), resources.urns());
  }

  @PutMapping("/policy/{id}")
  PolicyView replace(ApiCaller caller, @PathVariable String id, @RequestBody PolicyBody body) {
    return PolicyViews.of(policies.update(caller.actor(), id, body.draft()), resources.urns());
  }

  @DeleteMapping("/policy/{id}")
  ResponseEntity<String> delete(ApiCaller caller, @PathVariable String id) {
    policies.revoke(caller.actor(), id);
    return ApiResponses.nothing();
  }

  @GetMapping("/resource")
  List<IamResources.Resource> resources(ApiCaller caller) {
    return resources.administeredBy(caller.nic());
  }

  @GetMapping("/reference/action")
  List<IamResources.Action> actions(ApiCaller caller, @RequestParam String resourceType) {
    return resources.actions(resourceType);
  }

  /** The body of a check: the actions to try. */
  record CheckBody(List<String> actions) {}

  private static final int MAX_CHECKS = 100;

  /** Which of the actions the caller may do on the service, and which not. */
  record CheckView(List<String> authorizedActions, List<String> unauthorizedActions) {}

  @PostMapping("/resource/{urn}/authorization/check")
  CheckView check(ApiCaller caller, @PathVariable String urn, @RequestBody CheckBody body) {
    if (body == null
        || body.actions() == null
        || body.actions().isEmpty()
        || body.actions().size() > MAX_CHECKS) {
      throw new ApiErrors.BadRequest("api.error.actions.count", MAX_CHECKS);
    }
    List<String> actions = new ArrayList<>(new LinkedHashSet<>(body.actions()));
    if (actions.stream().anyMatch(a -> a == null || a.isBlank())) {
      throw new ApiErrors.BadRequest("api.error.actions.empty");
    }
    Map<String, Decision> answers =
        decisions.decideEach(caller.nic(), decisions.service(urn), actions);
    List<String> yes = new ArrayList<>();
    List<String> no = new ArrayList<>();
    answers.forEach((action, d) -> (d.allowed() ? yes : no).add(action));
    return new CheckView(yes, no);
  }
}
