package org.handover.mail;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.system.Language;

/**
 * Emails as each feature stores them in the outbox, for every kind and reader: a change set, a
 * reassignment case of five services (one for the contact replaced), a policy, an owner change or
 * correction, a debt notice, and the account's own emails.
 */
final class MailSamples {

  private static final String CODE = MailTemplatesTest.CODE;

  private MailSamples() {}

  /** One email as its feature stores it, for this reader (null: the kind's own wording). */
  static OutboxMessage message(MailKind kind, Language language, String reader) {
    OutboxMessage sample = MailTemplatesTest.sample(kind, language, "Ada Lovelace");
    Map<String, Object> p = payload(kind, reader, sample.payload());
    return new OutboxMessage(
        7,
        kind,
        "aa111111-ovh",
        "ada@example.org",
        language.name(),
        p,
        null,
        "pending",
        0,
        null,
        null,
        Instant.parse("2026-01-05T09:00:00Z"),
        null);
  }

  private static Map<String, Object> payload(
      MailKind kind, String reader, Map<String, Object> sample) {
    String name = kind.name();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("recipientName", "Ada Lovelace");
    if (name.startsWith("CHANGE_")) {
      p.putAll(sample);
      changeReason(kind, p);
      if (reader != null) {
        p.put("reader", reader);
        p.put("ownRoles", List.of("admin"));
      }
    } else if (name.startsWith("CASE_")) {
      boolean one = "replaced".equals(reader);
      p.put("caseId", 9);
      p.put("serviceName", one ? "vps-4.example.net" : "vps-1.example.net");
      p.put(
          "serviceNames",
          one
              ? List.of("vps-4.example.net")
              : List.of("vps-1.example.net", "vps-2.example.net", "vps-3.example.net"));
      p.put("serviceCount", one ? 1 : 5);
      p.put("serviceType", "vps");
      p.put("roles", List.of("tech"));
      p.put("fromAccount", one ? "aa111111-ovh" : "aa111111-ovh, dd444444-ovh");
      p.put("toAccount", "bb222222-ovh");
      p.put("reason", "ticket 4711");
      if (kind == MailKind.CASE_ENDED) {
        p.put("reasonKey", "case.end.vetoed");
        p.put("reasonArgument", "dd444444-ovh");
      }
      p.put("expiresAt", "2026-02-01T10:00:00Z");
      if (kind.carriesCode()) {
        p.put("code", CODE);
      }
    } else if (name.startsWith("ACCESS_")) {
      p.put("serviceName", "example.com");
      p.put("serviceType", "zone");
      p.put("serviceCount", 1);
      p.put("askingAccount", "cc333333-ovh");
      p.put("toAccount", "bb222222-ovh");
      p.put("detail", "dns-editors");
      p.put("policyId", "p-1");
      if (name.startsWith("ACCESS_ENDED")) {
        p.put("reasonKey", "access.reason.revoked");
      }
    } else if (name.startsWith("OWNER_")) {
      owner(kind, p);
    } else if (kind == MailKind.DEBT_NOTICE) {
      p.put("nic", "aa111111-ovh");
      p.put("askingAccount", "cc333333-ovh");
      p.put("roles", List.of("billing"));
      p.put("serviceName", "example.com");
    } else {
      p.put("nic", "aa111111-ovh");
      p.put("newEmail", "ada.new@example.org");
      p.put("detail", accountDetail(kind));
      if (kind.carriesCode()) {
        p.put("code", CODE);
      }
    }
    if (reader != null && !name.startsWith("CHANGE_")) {
      p.put("reader", reader);
    }
    return p;
  }

  private static void changeReason(MailKind kind, Map<String, Object> p) {
    p.remove("reason");
    switch (kind) {
      case CHANGE_REFUSED -> reason(p, "reason.refusedBecause", "bb222222-ovh", "Wrong owner");
      case CHANGE_EXPIRED -> reason(p, "reason.expired", "bb222222-ovh");
      case CHANGE_ABORTED -> reason(p, "reason.cancelledBy", "cc333333-ovh");
      case CHANGE_ERROR -> reason(p, "reason.applyFailed");
      default -> {}
    }
  }

  private static void reason(Map<String, Object> p, String key, String... args) {
    p.put("reasonKey", key);
    p.put("reasonArgs", List.of(args));
    p.put("reason", key);
  }

  private static void owner(MailKind kind, Map<String, Object> p) {
    boolean correction = kind == MailKind.OWNER_CORRECTED;
    if (!correction) {
      p.put("ownerChangeId", 12);
    }
    p.put("serviceName", "example.com");
    p.put("askingAccount", "cc333333-ovh");
    p.put(
        "fromAccount",
        correction ? "1 Old Road" : "Ada Lovelace (Analytical Ltd) <ada@example.org>");
    p.put(
        "toAccount",
        correction ? "2 New Road, +33 1 23 45 67 89" : "Bruno Rossi <bruno@example.it>");
    p.put("expiresAt", "2026-02-01T10:00:00Z");
    if (kind == MailKind.OWNER_CHANGE_REFUSED || kind == MailKind.OWNER_CHANGE_CANCELLED) {
      p.put("reason", "Wrong owner");
    }
    if (kind == MailKind.OWNER_CHANGE_CODE) {
      p.put("code", CODE);
      p.put("link", "Zq81kLm0");
    }
  }

  private static String accountDetail(MailKind kind) {
    return switch (kind) {
      case SECURITY_FACTOR_ADDED, SECURITY_FACTOR_REMOVED -> "Phone";
      case SECURITY_RECOVERY_CODE_USED -> "7";
      case SECURITY_EMAIL_CHANGED -> "ada.new@example.org";
      case SECURITY_API_APPLICATION -> "billing-sync";
      case SECURITY_NEW_DEVICE -> "Firefox 128, Linux (2001:db8::7)";
      default -> null;
    };
  }
}
