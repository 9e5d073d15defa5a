package org.handover.operator.api;

import java.time.Instant;
import java.util.List;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.mail.OutboxMessage;
import org.handover.operator.InvalidOperatorRequest;
import org.handover.system.Nic;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator API: emails that failed for good (the SMTP server refused them with a 5xx reply, the
 * address was unusable, or every attempt failed), so that the provider can reach the customer
 * another way. Each failure is also in the audit log ({@code mail.failed}).
 */
@OperatorApi
@RestController
@RequestMapping("/operator/v1")
class OperatorMailApi {

  private final Outbox outbox;

  OperatorMailApi(Outbox outbox) {
    this.outbox = outbox;
  }

  /** One email that failed for good: never its content, which may have held a code. */
  record FailedMailView(
      long id,
      MailKind kind,
      String account,
      String email,
      Long contactChangeId,
      int attempts,
      String reason,
      Instant createdAt) {

    static FailedMailView of(OutboxMessage m) {
      return new FailedMailView(
          m.id(),
          m.kind(),
          m.recipientNic(),
          m.recipientEmail(),
          m.changeId(),
          m.attempts(),
          m.lastError(),
          m.createdAt());
    }
  }

  @GetMapping("/mail/failed")
  List<FailedMailView> failed(
      @RequestParam(required = false) String account,
      @RequestParam(required = false) Long contactChangeId,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    if (page < 0) {
      throw new InvalidOperatorRequest("operator.invalid.page");
    }
    if (size < 1 || size > Outbox.MAX_PAGE) {
      throw new InvalidOperatorRequest("operator.invalid.size", Outbox.MAX_PAGE);
    }
    Nic nic = account == null || account.isBlank() ? null : nic(account);
    return outbox.failed(nic, contactChangeId, page, size).stream()
        .map(FailedMailView::of)
        .toList();
  }

  private static Nic nic(String account) {
    if (!Nic.isValid(account)) {
      throw new InvalidOperatorRequest("operator.invalid.account");
    }
    return Nic.parse(account);
  }
}
