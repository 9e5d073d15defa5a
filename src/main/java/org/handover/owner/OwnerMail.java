package org.handover.owner;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.handover.mail.MailArguments;
import org.handover.mail.MailContent;
import org.handover.mail.MailKind;
import org.handover.mail.MailWords;
import org.handover.mail.PanelUrl;
import org.handover.mail.StoredPayload;

/**
 * An email about the owner of a domain: an owner change (its number, the owners before and after,
 * its deadline, why it ended) or a minor correction (the details before and after, no number).
 *
 * @param ownerChangeId null for a correction
 * @param from the owner (or the corrected details) before
 * @param to the owner (or the corrected details) after
 * @param link the public confirmation page's key, in a registrant's code email only
 * @param reader {@code registrant} for a registrant's email ({@code registrant.refuser} for the one
 *     who refused) (they may have no account, so no panel page of theirs to link to); null for the
 *     administrator's
 */
record OwnerMail(
    Long ownerChangeId,
    String recipientName,
    String domain,
    String askingAccount,
    String from,
    String to,
    Instant expiresAt,
    String reason,
    String code,
    String link,
    String reader)
    implements MailContent {

  static final String REGISTRANT = "registrant";

  /** The registrant who refused the change: told it was their refusal, not "one of the owners". */
  static final String REFUSER = REGISTRANT + ".refuser";

  private static final int DOMAIN = 2;
  private static final int FROM = 5;
  private static final int TO = 6;
  private static final int ASKER = 7;
  private static final int EXPIRES = 8;
  private static final int REASON = 10;
  private static final int CHANGE = 14;

  static OwnerMail read(StoredPayload p) {
    return new OwnerMail(
        p.id("ownerChangeId"),
        p.text("recipientName"),
        p.text("serviceName"),
        p.text("askingAccount"),
        p.text("fromAccount"),
        p.text("toAccount"),
        p.instant("expiresAt"),
        p.text("reason"),
        p.text("code"),
        p.text("link"),
        p.text("reader"));
  }

  /** The outbox payload (its keys are those of the rows already stored). */
  @Override
  public Map<String, ?> payload() {
    Map<String, Object> p = new LinkedHashMap<>();
    if (ownerChangeId != null) {
      p.put("ownerChangeId", ownerChangeId);
      p.put("detail", ownerChangeId);
    }
    p.put("recipientName", recipientName);
    p.put("serviceName", domain);
    p.put("serviceType", "domain");
    p.put("askingAccount", askingAccount);
    p.put("fromAccount", from);
    p.put("toAccount", to);
    if (expiresAt != null) {
      p.put("expiresAt", expiresAt.toString());
    }
    if (reason != null) {
      p.put("reason", reason);
    }
    if (code != null) {
      p.put("code", code);
      p.put("link", link);
    }
    if (reader != null) {
      p.put("reader", reader);
    }
    return p;
  }

  @Override
  public void arguments(MailArguments arguments, MailWords words) {
    arguments
        .set(DOMAIN, domain)
        .set(FROM, from)
        .set(TO, to)
        .set(ASKER, askingAccount)
        .set(EXPIRES, words.date(expiresAt))
        .set(REASON, reason == null ? null : words.text("mail.owner.reason", reason))
        .set(CHANGE, ownerChangeId == null ? null : ownerChangeId.toString());
  }

  @Override
  public String reader() {
    return reader;
  }

  /**
   * A registrant's public confirmation page (with the code); the domain's owner page for its
   * administrator; no button in a registrant's other emails.
   */
  @Override
  public String link(MailKind kind, PanelUrl panel) {
    if (kind != MailKind.OWNER_CHANGE_CODE && reader != null && reader.startsWith(REGISTRANT)) {
      return null;
    }
    if (kind == MailKind.OWNER_CHANGE_CODE) {
      return panel.to(
          "/owner-change/"
              + PanelUrl.encode(String.valueOf(link))
              + (code == null ? "" : "?code=" + PanelUrl.encode(code)));
    }
    return panel.to(
        "/account/contacts/services/domain/" + PanelUrl.encode(String.valueOf(domain)) + "/owner");
  }
}
