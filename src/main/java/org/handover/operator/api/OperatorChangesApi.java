package org.handover.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.handover.apiauth.ApiErrors;
import org.handover.audit.AuditLog;
import org.handover.catalog.HostedServices;
import org.handover.change.AbortChange;
import org.handover.change.ChangeErrors.ChangeNotFound;
import org.handover.change.ChangeQueries;
import org.handover.change.ChangeSet;
import org.handover.change.ChangeState;
import org.handover.operator.InvalidOperatorRequest;
import org.handover.operator.api.OperatorViews.AuditView;
import org.handover.operator.api.OperatorViews.ChangeView;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator API: every contact change request (search, read with history, abort) and the audit log.
 */
@OperatorApi
@RestController
@RequestMapping("/operator/v1")
class OperatorChangesApi {

  private final ChangeQueries changes;
  private final AbortChange abort;
  private final AuditLog audit;
  private final HostedServices services;

  OperatorChangesApi(
      ChangeQueries changes, AbortChange abort, AuditLog audit, HostedServices services) {
    this.changes = changes;
    this.abort = abort;
    this.audit = audit;
    this.services = services;
  }

  @GetMapping("/contact-changes")
  List<ChangeView> search(
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String account,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    ChangeState s = null;
    if (state != null && !state.isBlank()) {
      s =
          ChangeState.parse(state)
              .orElseThrow(() -> ApiErrors.unknown("api.error.state", state, ChangeState.names()));
    }
    return changes
        .search(
            s,
            blank(service),
            account == null || account.isBlank() ? null : Nic.parse(account),
            page,
            size)
        .stream()
        .map(t -> ChangeView.of(t.getKey(), t.getValue()))
        .toList();
  }

  /** A task with its set's state and the set's history. */
  @GetMapping("/contact-changes/{id}")
  ChangeView get(@PathVariable long id) {
    ChangeSet set = changes.findByTask(id).orElseThrow(() -> new ChangeNotFound(id));
    return ChangeView.of(set, set.item(id).orElseThrow())
        .withHistory(audit.forChange(set.id()).stream().map(AuditView::of).toList());
  }

  @JsonIgnoreProperties(ignoreUnknown = false)
  record AbortBody(String reason) {}

  private static final int MAX_REASON = 300;

  @PostMapping("/contact-changes/{id}/abort")
  ChangeView abort(Actor operator, @PathVariable long id, @RequestBody AbortBody body) {
    if (body.reason() == null || body.reason().isBlank() || body.reason().length() > MAX_REASON) {
      throw new InvalidOperatorRequest("operator.invalid.reason", MAX_REASON);
    }
    ChangeSet set = changes.findByTask(id).orElseThrow(() -> new ChangeNotFound(id));
    return ChangeView.of(
        abort.abort(operator, set.id(), body.reason()), set.item(id).orElseThrow());
  }

  @GetMapping("/audit")
  List<AuditView> audit(
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String account,
      @RequestParam(required = false) String since,
      @RequestParam(required = false) String until,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "100") int size) {
    return audit
        .search(
            blank(service) == null ? null : services.idsNamed(service),
            blank(account),
            instant(since, "since"),
            instant(until, "until"),
            page,
            size)
        .stream()
        .map(AuditView::of)
        .toList();
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Instant instant(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidOperatorRequest("operator.invalid.instant", field);
    }
  }
}
