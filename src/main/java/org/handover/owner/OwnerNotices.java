package org.handover.owner;

import java.util.HashMap;
import java.util.Map;
import org.handover.account.Account;
import org.handover.catalog.DomainOwner;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.mail.Recipient;
import org.handover.system.Language;
import org.springframework.stereotype.Component;

/**
 * The emails of owner changes and corrections, written to the outbox in the caller's transaction.
 * Registrants need not have an account: their emails go to the address on the owner record (or the
 * one the change names), in the administrator's language.
 */
@Component
class OwnerNotices {

  private final Outbox outbox;

  OwnerNotices(Outbox outbox) {
    this.outbox = outbox;
  }

  /** A registrant's code and link to the public confirmation page. */
  void code(OwnerChange c, OwnerChange.Party party, Account admin, String link, String code) {
    Map<String, Object> payload = payload(c, admin, nameOf(c, party.registrant()));
    payload.put("code", code);
    payload.put("link", link);
    outbox.enqueue(MailKind.OWNER_CHANGE_CODE, registrant(party.email(), admin), payload, null);
  }

  /** The administrator is told the change was asked and who must confirm. */
  void requested(OwnerChange c, Account admin) {
    outbox.enqueue(
        MailKind.OWNER_CHANGE_REQUESTED,
        admin.recipient(),
        payload(c, admin, admin.displayName()),
        null);
  }

  /** The change ended (applied, refused, expired, cancelled): both registrants and the admin. */
  void ended(OwnerChange c, MailKind kind, Account admin) {
    for (OwnerChange.Party p : c.parties()) {
      outbox.enqueue(
          kind, registrant(p.email(), admin), payload(c, admin, nameOf(c, p.registrant())), null);
    }
    outbox.enqueue(kind, admin.recipient(), payload(c, admin, admin.displayName()), null);
  }

  /** A minor correction (address, phone) was made: the registrant and the admin are told. */
  void corrected(String domain, DomainOwner before, DomainOwner after, Account admin) {
    for (boolean toAdmin : new boolean[] {false, true}) {
      Map<String, Object> p = new HashMap<>();
      p.put("recipientName", toAdmin ? admin.displayName() : after.name());
      p.put("serviceName", domain);
      p.put("serviceType", "domain");
      p.put("askingAccount", admin.nic().value());
      p.put("fromAccount", correctionOf(before));
      p.put("toAccount", correctionOf(after));
      outbox.enqueue(
          MailKind.OWNER_CORRECTED,
          toAdmin ? admin.recipient() : registrant(after.email(), admin),
          p,
          null);
    }
  }

  private static String correctionOf(DomainOwner o) {
    if (o == null) {
      return "-";
    }
    String address = o.address() == null ? "" : o.address().replaceAll("\\s*\\R\\s*", ", ");
    return o.phone() == null || o.phone().isBlank() ? address : address + ", " + o.phone();
  }

  private static String nameOf(OwnerChange c, Registrant r) {
    return r == Registrant.current ? c.before().name() : c.after().name();
  }

  private static Recipient registrant(String email, Account admin) {
    return new Recipient(null, email, admin == null ? Language.en : admin.language());
  }

  private static Map<String, Object> payload(OwnerChange c, Account admin, String recipientName) {
    Map<String, Object> p = new HashMap<>();
    p.put("ownerChangeId", c.id());
    p.put("detail", c.id());
    p.put("recipientName", recipientName);
    p.put("serviceName", c.domain());
    p.put("serviceType", "domain");
    p.put("askingAccount", c.askedBy().value());
    p.put("fromAccount", display(c.before()));
    p.put("toAccount", display(c.after()));
    p.put("expiresAt", c.expiresAt().toString());
    if (c.endReason() != null) {
      p.put("reason", c.endReason());
    }
    return p;
  }

  /** The registrant as the emails show it: name, organisation, email. */
  static String display(DomainOwner o) {
    String org =
        o.organisation() == null || o.organisation().isBlank() ? "" : " (" + o.organisation() + ")";
    return o.name() + org + " <" + o.email() + ">";
  }
}
