package org.handover.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.handover.support.IntegrationTest;
import org.handover.system.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit log never holds a raw control character, whatever an actor or a detail carried. */
class AuditLogTest extends IntegrationTest {

  @Autowired AuditLog audit;
  @Autowired TransactionTemplate tx;

  @Test
  void lineBreaksAndControlsFromOutsideAreWrittenEscaped() {
    String client = "billing\r\n2026-12-06 staff:admin approved\u0000\u2028";
    tx.executeWithoutResult(
        s -> {
          audit.record(
              Actor.operator("jwt:" + client, "10.0.0.1\n"), "account.debt", null, null, "a\nb");
          audit.recordAll(
              List.of(
                  new AuditLog.Entry(
                      Actor.operator("jwt:x\ry", null),
                      "account.debt",
                      AuditSubject.none(),
                      "c\td")));
        });
    List<AuditEntry> rows =
        audit.search(null, null, null, null, 0, 50).stream()
            .filter(e -> e.actor() != null && e.actor().startsWith("jwt:"))
            .toList();
    assertThat(rows).hasSize(2);
    assertThat(rows)
        .allSatisfy(
            e -> {
              assertThat(e.actor()).doesNotContainPattern("[\\p{Cntrl}\\u2028\\u2029]");
              assertThat(e.detail()).doesNotContainPattern("[\\p{Cntrl}\\u2028\\u2029]");
            });
    assertThat(rows)
        .anySatisfy(e -> assertThat(e.actor()).startsWith("jwt:billing\\u000d\\u000a2026"));
  }
}
