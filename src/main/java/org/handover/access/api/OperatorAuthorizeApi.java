package org.handover.access.api;

import java.util.List;
import org.handover.access.AccessDecisions;
import org.handover.access.AccessDecisions.Check;
import org.handover.operator.api.OperatorApi;
import org.handover.system.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The provider's question, for its DNS editor, hosting panel or billing: {@code POST
 * /operator/v1/authorize} {@code {"identity","action","resource"}} → {@code {"allowed", "because":
 * {"role"} | {"policy"} | {"denied"}}}, and {@code /authorize/batch} with up to 1,000 checks
 * answered in their order. The same decision function as the customer's own check and the panel.
 * {@code Server-Timing: decide;dur=<ms>} says how long the decisions took inside the server. A
 * plain single question is answered before Spring MVC by {@link LeanAuthorize}, with the same
 * bytes.
 */
@OperatorApi
@RestController
@RequestMapping("/operator/v1/authorize")
class OperatorAuthorizeApi {

  private final AccessDecisions decisions;

  OperatorAuthorizeApi(AccessDecisions decisions) {
    this.decisions = decisions;
  }

  record Batch(List<Check> checks) {}

  record Results(List<Answer> results) {}

  @PostMapping
  ResponseEntity<Answer> authorize(Actor operator, @RequestBody Check check) {
    long start = System.nanoTime();
    Answer answer = Answer.of(decisions.decideAll(List.of(check)).get(0));
    return timed(start, answer);
  }

  @PostMapping("/batch")
  ResponseEntity<Results> batch(Actor operator, @RequestBody Batch batch) {
    long start = System.nanoTime();
    Results results =
        new Results(
            decisions.decideAll(batch == null ? null : batch.checks()).stream()
                .map(Answer::of)
                .toList());
    return timed(start, results);
  }

  /** The answer with the time the decisions took, as {@code Server-Timing: decide;dur=<ms>}. */
  private static <T> ResponseEntity<T> timed(long start, T body) {
    return ResponseEntity.ok().header("Server-Timing", Answer.serverTiming(start)).body(body);
  }
}
