package org.handover.apiauth.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.handover.apiauth.ApiCaller;
import org.handover.apiauth.ApiResponses;
import org.handover.apiauth.OvhApi;
import org.handover.apiauth.SecurityLogLine;
import org.handover.audit.SecurityLog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /me/securityLog}: the caller's own security log, a Handover extension. */
@OvhApi
@RestController
@Tag(
    name = "Handover extension: security log",
    description =
        "Not in the reference API. The caller's own security log: sign-ins (method, second factor,"
            + " address, browser), failures, factors, sessions and keys, email and password"
            + " changes, step-ups and hand-over actions; newest first, "
            + SecurityLog.PAGE
            + " lines a page.")
class SecurityLogApi {

  private final SecurityLog log;

  SecurityLogApi(SecurityLog log) {
    this.log = log;
  }

  /** A page of lines; {@code next} is the {@code before} of the next (older) page, or null. */
  record Page(List<SecurityLogLine> entries, Long next) {}

  @Operation(
      summary = "The caller's security log, newest first (Handover extension)",
      description = "Pass the previous answer's next as before for the following page.")
  @GetMapping({"/1.0/me/securityLog", "/v1/me/securityLog"})
  Page securityLog(
      ApiCaller caller,
      @Parameter(description = "id of the last line of the previous page")
          @RequestParam(required = false)
          String before) {
    SecurityLog.Page page =
        log.page(caller.nic(), ApiResponses.before(before, "api.error.before.line"));
    return new Page(page.entries().stream().map(SecurityLogLine::of).toList(), page.nextBefore());
  }
}
