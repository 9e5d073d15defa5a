package org.handover.owner;

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
    OwnerMail mail = mail(c, nameOf(c, party.registrant()), code, link, OwnerMail.REGISTRANT);
    outbox.enqueue(MailKind.OWNER_CHANGE_CODE, registrant(party.email(), admin), mail, null);
  }

  /** The administrator is told the change was asked and who must confirm. */
  void requested(OwnerChange c, Account admin) {
    outbox.enqueue(
        MailKind.OWNER_CHANGE_REQUESTED,
        admin.recipient(),
        mail(c, admin.displayName(), null, null, null),
        null);
  }

  /** The change ended (applied, refused, expired, cancelled): both registrants and the admin. */
  void ended(OwnerChange c, MailKind kind, Account admin) {
    for (OwnerChange.Party p : c.parties()) {
      String reader =
          kind == MailKind.OWNER_CHANGE_REFUSED && p.status() == OwnerChange.PartyAnswer.refused
              ? OwnerMail.REFUSER
              : OwnerMail.REGISTRANT;
      OwnerMail mail = mail(c, nameOf(c, p.registrant()), null, null, reader);
      outbox.enqueue(kind, registrant(p.email(), admin), mail, null);
    }
    outbox.enqueue(kind, admin.recipient(), mail(c, admin.displayName(), null, null, null), null);
  }

  /** A minor correction (address, phone) was made: the registrant and the admin are told. */
  void corrected(String domain, DomainOwner before, DomainOwner after, Account admin) {
    for (boolean toAdmin : new boolean[] {false, true}) {
      var p =
          new OwnerMail(
              null,
              toAdmin ? admin.displayName() : after.name(),
              domain,
              admin.nic().value(),
              correctionOf(before),
              correctionOf(after),
              null,
              null,
              null,
              null,
              toAdmin ? null : OwnerMail.REGISTRANT);
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

  private static OwnerMail mail(
      OwnerChange c, String recipientName, String code, String link, String reader) {
    return new OwnerMail(
        c.id(),
        recipientName,
        c.domain(),
        c.askedBy().value(),
        display(c.before()),
        display(c.after()),
        c.expiresAt(),
        c.endReason(),
        code,
        link,
        reader);
  }

  /** The registrant as the emails show it: name, organisation, email. */
  static String display(DomainOwner o) {
    String org =
        o.organisation() == null || o.organisation().isBlank() ? "" : " (" + o.organisation() + ")";
    return o.name() + org + " <" + o.email() + ">";
  }
}
