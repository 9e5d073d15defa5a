package org.handover.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.handover.operator.Webhooks;
import org.handover.system.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operator API: webhooks and their delivery log. */
@OperatorApi
@RestController
@RequestMapping("/operator/v1/webhooks")
class OperatorWebhooksApi {

  private final Webhooks webhooks;

  OperatorWebhooksApi(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  @JsonIgnoreProperties(ignoreUnknown = false)
  record WebhookBody(String url, String secret, List<String> events) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Webhooks.Webhook register(Actor operator, @RequestBody WebhookBody body) {
    return webhooks.register(operator, body.url(), body.secret(), body.events());
  }

  @GetMapping
  List<Webhooks.Webhook> list() {
    return webhooks.list();
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(Actor operator, @PathVariable long id) {
    webhooks.delete(operator, id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{id}/deliveries")
  List<Webhooks.Delivery> deliveries(
      @PathVariable long id, @RequestParam(defaultValue = "100") int limit) {
    return webhooks.deliveries(id, limit);
  }
}
