package org.handover.access.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.access.AccessDecisions;
import org.handover.access.AccessDecisions.Check;
import org.handover.access.Decision;
import org.handover.operator.api.OperatorApi;
import org.handover.system.Actor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

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

  /** One answer. */
  record Answer(boolean allowed, Map<String, String> because) {

    static Answer of(Decision d) {
      Map<String, String> because = new LinkedHashMap<>();
      if (d.role() != null) {
        because.put("role", d.role().name());
      } else if (d.allowed()) {
        because.put("policy", d.policy());
      } else {
        because.put("denied", d.denied().name());
        if (d.policy() != null) {
          because.put("policy", d.policy());
        }
      }
      return new Answer(d.allowed(), because);
    }
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
    return ResponseEntity.ok().header("Server-Timing", serverTiming(start)).body(body);
  }

  /** {@code decide;dur=<ms>} with three decimals, the time since {@code start} (nanoseconds). */
  static String serverTiming(long start) {
    long micros = (System.nanoTime() - start) / 1_000;
    String fraction = String.valueOf(1_000 + micros % 1_000).substring(1);
    return "decide;dur=" + micros / 1_000 + "." + fraction;
  }

  /** The short way to single questions ({@link LeanAuthorize}), after every other filter. */
  @Bean
  static FilterRegistrationBean<LeanAuthorize> leanAuthorize(
      AccessDecisions decisions, JsonMapper json) {
    FilterRegistrationBean<LeanAuthorize> registration =
        new FilterRegistrationBean<>(new LeanAuthorize(decisions, json));
    registration.addUrlPatterns(LeanAuthorize.PATH);
    registration.setOrder(Ordered.LOWEST_PRECEDENCE);
    return registration;
  }
}
