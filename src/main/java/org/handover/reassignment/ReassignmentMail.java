package org.handover.reassignment;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.mail.MailArguments;
import org.handover.mail.MailContent;
import org.handover.mail.MailKind;
import org.handover.mail.MailWords;
import org.handover.mail.PanelUrl;
import org.handover.mail.StoredPayload;

/**
 * An email about an assisted reassignment case, told from its reader's side ({@link CaseReader}):
 * its number, the reader's services of the case in words, the role, the contacts replaced and the
 * new one, the end of the cooling-off, and why.
 *
 * @param serviceName the first service's name (rows written before {@code serviceNames}: with
 *     {@code (+N)} when the case held more, turned into words when read)
 * @param serviceNames the first {@link #NAMED} of the reader's services; null in older rows
 * @param serviceCount how many of the case's services the reader reads of; null in older rows
 * @param reason the case's reason, or why it ended as stored (rows written before {@code
 *     reasonKey})
 * @param reasonKey why the case ended in the bundles' words ({@code case.end.*}, as on the case
 *     page); null for the case's own reason
 * @param reasonArgument that message's one argument (who vetoed)
 * @param coolingOffEndsAt null once it no longer applies
 * @param code the new contact's code, in {@code CASE_CODE} only
 * @param reader {@code newcomer}, {@code replaced}, or null for another contact (and older rows)
 */
record ReassignmentMail(
    Long caseId,
    String recipientName,
    String serviceName,
    List<String> serviceNames,
    Integer serviceCount,
    String serviceType,
    List<String> roles,
    String fromAccounts,
    String toAccount,
    String reason,
    String reasonKey,
    String reasonArgument,
    Instant coolingOffEndsAt,
    String code,
    String reader)
    implements MailContent {

  /** How many services an email names before it counts the rest. */
  static final int NAMED = 3;

  private static final Pattern COUNTED = Pattern.compile("(.*) \\(\\+(\\d+)\\)");
  private static final int SERVICES = 2;
  private static final int SERVICE_TYPE = 3;
  private static final int ROLES = 4;
  private static final int FROM = 5;
  private static final int TO = 6;
  private static final int COOLING_OFF_ENDS = 8;
  private static final int REASON = 10;
  private static final int CASE = 14;
  private static final int OF_SERVICES = 16;

  ReassignmentMail(
      Long caseId,
      String recipientName,
      List<String> serviceNames,
      int serviceCount,
      String serviceType,
      List<String> roles,
      String fromAccounts,
      String toAccount,
      String reason,
      String reasonKey,
      String reasonArgument,
      Instant coolingOffEndsAt,
      String code,
      String reader) {
    this(
        caseId,
        recipientName,
        serviceNames.get(0),
        serviceNames,
        serviceCount,
        serviceType,
        roles,
        fromAccounts,
        toAccount,
        reason,
        reasonKey,
        reasonArgument,
        coolingOffEndsAt,
        code,
        reader);
  }

  static ReassignmentMail read(StoredPayload p) {
    return new ReassignmentMail(
        p.id("caseId"),
        p.text("recipientName"),
        p.text("serviceName"),
        p.has("serviceNames") ? p.texts("serviceNames") : null,
        p.has("serviceCount") ? (int) p.number("serviceCount") : null,
        p.text("serviceType"),
        p.texts("roles"),
        p.text("fromAccount"),
        p.text("toAccount"),
        p.text("reason"),
        p.text("reasonKey"),
        p.text("reasonArgument"),
        p.instant("expiresAt"),
        p.text("code"),
        p.text("reader"));
  }

  /** The outbox payload (its keys are those of the rows already stored, and three more). */
  @Override
  public Map<String, ?> payload() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("caseId", caseId);
    p.put("detail", caseId);
    p.put("recipientName", recipientName);
    p.put("serviceName", serviceName);
    if (serviceNames != null) {
      p.put("serviceNames", serviceNames);
      p.put("serviceCount", serviceCount);
    }
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
    if (reader != null) {
      p.put("reader", reader);
    }
    return p;
  }

  @Override
  public String reader() {
    return reader;
  }

  @Override
  public void arguments(MailArguments arguments, MailWords words) {
    List<String> names = serviceNames;
    int count = serviceCount == null ? 1 : serviceCount;
    if (names == null) {
      String stored = serviceName == null ? "" : serviceName;
      Matcher counted = COUNTED.matcher(stored);
      names = List.of(counted.matches() ? counted.group(1) : stored);
      count = counted.matches() ? 1 + Integer.parseInt(counted.group(2)) : 1;
    }
    String services = words.services(names, count);
    String type = words.serviceType(serviceType);
    arguments
        .set(SERVICES, services)
        .set(SERVICE_TYPE, type)
        .set(ROLES, words.roles(roles))
        .set(FROM, fromAccounts == null ? null : words.list(List.of(fromAccounts.split(", "))))
        .set(TO, toAccount)
        .set(COOLING_OFF_ENDS, words.date(coolingOffEndsAt))
        .set(REASON, reasonKey == null ? reason : words.text(reasonKey, reasonArgument))
        .set(CASE, caseId == null ? null : caseId.toString())
        .set(
            OF_SERVICES,
            count == 1
                ? words.text("mail.case.of.one", type, services)
                : words.text("mail.case.of.many", services));
  }

  /** The case's page, with the code filled in when the email carries one. */
  @Override
  public String link(MailKind kind, PanelUrl panel) {
    String token = code == null ? "" : "?token=" + PanelUrl.encode(code);
    return panel.to("/account/support/cases/" + caseId + token);
  }
}
