package org.handover.access;

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
 * An email about delegated access: the policy (its name and id), its owner, the grantees concerned,
 * the services it reaches (the first, and how many), and why an access ended.
 *
 * @param serviceName the first service reached, or {@code *} for every service
 * @param reasonKey the message of why the access ended ({@code access.reason.EVENT}); null
 *     otherwise
 * @param reader {@code owner} when the policy's owner reads of what they did themselves; null
 *     otherwise
 */
record AccessMail(
    String recipientName,
    String serviceName,
    String serviceType,
    int serviceCount,
    String owner,
    String grantees,
    String policyName,
    String policyId,
    String reasonKey,
    String reader)
    implements MailContent {

  private static final int SERVICES = 2;
  private static final int SERVICE_TYPE = 3;
  private static final int GRANTEES = 6;
  private static final int OWNER = 7;
  private static final int REASON = 10;
  private static final int POLICY = 14;

  static AccessMail read(StoredPayload p) {
    return new AccessMail(
        p.text("recipientName"),
        p.text("serviceName"),
        p.text("serviceType"),
        (int) p.number("serviceCount"),
        p.text("askingAccount"),
        p.text("toAccount"),
        p.text("detail"),
        p.text("policyId"),
        p.text("reasonKey"),
        p.text("reader"));
  }

  /** The outbox payload (its keys are those of the rows already stored). */
  @Override
  public Map<String, ?> payload() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("recipientName", recipientName);
    p.put("serviceName", serviceName);
    p.put("serviceType", serviceType);
    p.put("serviceCount", serviceCount);
    p.put("askingAccount", owner);
    p.put("toAccount", grantees);
    p.put("detail", policyName);
    p.put("policyId", policyId);
    if (reasonKey != null) {
      p.put("reasonKey", reasonKey);
    }
    if (reader != null) {
      p.put("reader", reader);
    }
    return p;
  }

  @Override
  public void arguments(MailArguments arguments, MailWords words) {
    arguments
        .set(SERVICES, words.services(named(words), serviceCount))
        .set(SERVICE_TYPE, words.serviceType(serviceType))
        .set(GRANTEES, granteesIn(words))
        .set(OWNER, owner)
        .set(
            REASON,
            reasonKey == null ? null : words.text(reasonKey, granteesIn(words), orEmpty(owner)))
        .set(POLICY, policyName);
  }

  @Override
  public String reader() {
    return reader;
  }

  /** The first service's name; for every service of the owner's, those words, never "*". */
  private String named(MailWords words) {
    return ResourceRef.EVERY.equals(serviceName)
        ? words.text("mail.access.every", orEmpty(owner))
        : serviceName;
  }

  /** The grantees (stored joined by commas) as the reader's language lists them. */
  private String granteesIn(MailWords words) {
    return words.list(List.of(orEmpty(grantees).split(", ")));
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** A grantee's Shared with me page; a contact's page of who has access to the service. */
  @Override
  public String link(MailKind kind, PanelUrl panel) {
    return switch (kind) {
      case ACCESS_GRANTED, ACCESS_CHANGED, ACCESS_ENDED -> panel.to("/account/access/shared");
      default ->
          ResourceRef.EVERY.equals(serviceName)
              ? panel.to("/account/contacts/services")
              : panel.to(
                  "/account/contacts/services/"
                      + PanelUrl.encode(String.valueOf(serviceType))
                      + "/"
                      + PanelUrl.encode(String.valueOf(serviceName))
                      + "/access");
    };
  }
}
