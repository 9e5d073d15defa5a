package org.handover.reassignment;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.mail.MailArguments;
import org.handover.mail.MailContent;
import org.handover.mail.MailKind;
import org.handover.mail.MailWords;
import org.handover.mail.PanelUrl;
import org.handover.mail.StoredPayload;

/**
 * An email about an assisted reassignment case: its number, the services (the first, and how many
 * others), the role, the contacts replaced and the new one, the end of the cooling-off, and why.
 *
 * @param services the first service's name, with {@code (+N)} when the case holds more
 * @param reason the case's reason, or why it ended as stored (rows written before {@code
 *     reasonKey})
 * @param reasonKey why the case ended in the bundles' words ({@code case.end.*}, as on the case
 *     page); null for the case's own reason
 * @param reasonArgument that message's one argument (who vetoed)
 * @param coolingOffEndsAt null once it no longer applies
 * @param code the new contact's code, in {@code CASE_CODE} only
 */
record ReassignmentMail(
    Long caseId,
    String recipientName,
    String services,
    String serviceType,
    List<String> roles,
    String fromAccounts,
    String toAccount,
    String reason,
    String reasonKey,
    String reasonArgument,
    Instant coolingOffEndsAt,
    String code)
    implements MailContent {

  private static final int SERVICES = 2;
  private static final int SERVICE_TYPE = 3;
  private static final int ROLES = 4;
  private static final int FROM = 5;
  private static final int TO = 6;
  private static final int COOLING_OFF_ENDS = 8;
  private static final int REASON = 10;
  private static final int CASE = 14;

  static ReassignmentMail read(StoredPayload p) {
    return new ReassignmentMail(
        p.id("caseId"),
        p.text("recipientName"),
        p.text("serviceName"),
        p.text("serviceType"),
        p.texts("roles"),
        p.text("fromAccount"),
        p.text("toAccount"),
        p.text("reason"),
        p.text("reasonKey"),
        p.text("reasonArgument"),
        p.instant("expiresAt"),
        p.text("code"));
  }

  /** The outbox payload (its keys are those of the rows already stored). */
  @Override
  public Map<String, ?> payload() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("caseId", caseId);
    p.put("detail", caseId);
    p.put("recipientName", recipientName);
    p.put("serviceName", services);
    p.put("serviceType", serviceType);
    p.put("roles", roles);
    p.put("fromAccount", fromAccounts);
    p.put("toAccount", toAccount);
    p.put("reason", reason);
    if (reasonKey != null) {
      p.put("reasonKey", reasonKey);
      p.put("reasonArgument", reasonArgument);
    }
    if (coolingOffEndsAt != null) {
      p.put("expiresAt", coolingOffEndsAt.toString());
    }
    if (code != null) {
      p.put("code", code);
    }
    return p;
  }

  @Override
  public void arguments(MailArguments arguments, MailWords words) {
    arguments
        .set(SERVICES, services)
        .set(SERVICE_TYPE, words.serviceType(serviceType))
        .set(ROLES, words.roles(roles))
        .set(FROM, fromAccounts == null ? null : words.list(List.of(fromAccounts.split(", "))))
        .set(TO, toAccount)
        .set(COOLING_OFF_ENDS, words.date(coolingOffEndsAt))
        .set(REASON, reasonKey == null ? reason : words.text(reasonKey, reasonArgument))
        .set(CASE, caseId == null ? null : caseId.toString());
  }

  /** The case's page, with the code filled in when the email carries one. */
  @Override
  public String link(MailKind kind, PanelUrl panel) {
    String token = code == null ? "" : "?token=" + PanelUrl.encode(code);
    return panel.to("/account/support/cases/" + caseId + token);
  }
}
