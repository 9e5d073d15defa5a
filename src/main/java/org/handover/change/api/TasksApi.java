package org.handover.change.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.handover.apiauth.ApiCaller;
import org.handover.apiauth.ApiErrors;
import org.handover.apiauth.ApiResponses;
import org.handover.apiauth.OvhApi;
import org.handover.change.AnswerChange;
import org.handover.change.CancelChange;
import org.handover.change.ChangeQueries;
import org.handover.change.ChangeState;
import org.handover.change.ResendCode;
import org.handover.system.Nic;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /me/task/contactChange}: the tasks of the caller's change sets, and the answers to them.
 * An answer to a task answers its whole set: the caller's one code confirms every task of the set,
 * and accepting a sibling task again with that code is a no-op.
 */
@OvhApi
@RestController
@RequestMapping({"/1.0/me/task/contactChange", "/v1/me/task/contactChange"})
class TasksApi {

  private final ChangeQueries changes;
  private final AnswerChange answers;
  private final ResendCode resends;
  private final CancelChange cancels;

  TasksApi(ChangeQueries changes, AnswerChange answers, ResendCode resends, CancelChange cancels) {
    this.changes = changes;
    this.answers = answers;
    this.resends = resends;
    this.cancels = cancels;
  }

  @GetMapping
  List<Long> list(
      ApiCaller caller,
      @RequestParam(required = false) String askingAccount,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String toAccount) {
    return changes.taskIdsInvolving(
        caller.nic(), state(state), nicOrNull(askingAccount), nicOrNull(toAccount));
  }

  @GetMapping("/{id}")
  TaskView get(ApiCaller caller, @PathVariable long id) {
    var task = changes.task(caller.nic(), id);
    return TaskView.of(task.getKey(), task.getValue());
  }

  /** The body of accept and refuse. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  record TokenBody(String token) {}

  @PostMapping("/{id}/accept")
  ResponseEntity<String> accept(
      ApiCaller caller, @PathVariable long id, @RequestBody TokenBody body) {
    String token = token(body);
    answers.accept(caller.actor(), changes.setOfTask(caller.nic(), id), token);
    return ApiResponses.nothing();
  }

  @PostMapping("/{id}/refuse")
  ResponseEntity<String> refuse(
      ApiCaller caller, @PathVariable long id, @RequestBody TokenBody body) {
    String token = token(body);
    answers.refuse(caller.actor(), changes.setOfTask(caller.nic(), id), token, null);
    return ApiResponses.nothing();
  }

  @PostMapping("/{id}/resendEmail")
  ResponseEntity<String> resend(ApiCaller caller, @PathVariable long id) {
    resends.resend(caller.actor(), changes.setOfTask(caller.nic(), id));
    return ApiResponses.nothing();
  }

  @PostMapping("/{id}/cancel")
  ResponseEntity<String> cancel(ApiCaller caller, @PathVariable long id) {
    cancels.cancel(caller.actor(), changes.setOfTask(caller.nic(), id));
    return ApiResponses.nothing();
  }

  private static String token(TokenBody body) {
    if (body == null || body.token() == null || body.token().isBlank()) {
      throw new ApiErrors.BadRequest("api.error.token.body");
    }
    return body.token();
  }

  private static ChangeState state(String state) {
    if (state == null || state.isBlank()) {
      return null;
    }
    return ChangeState.parse(state)
        .orElseThrow(() -> ApiErrors.unknown("api.error.state", state, ChangeState.names()));
  }

  private static Nic nicOrNull(String value) {
    return value == null || value.isBlank() ? null : Nic.parse(value);
  }
}
