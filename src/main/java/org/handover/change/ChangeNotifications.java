package org.handover.change;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.contact.ContactRole;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.system.ConfirmationCode;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/** Turns workflow events into outbox rows (DESIGN §4), in the caller's transaction. */
@Component
class ChangeNotifications {

  private final Outbox outbox;
  private final Accounts accounts;

  ChangeNotifications(Outbox outbox, Accounts accounts) {
    this.outbox = outbox;
    this.accounts = accounts;
  }

  /** Request created: each party gets its code; the replaced contact, if not a party, a notice. */
  void created(ContactChange change, Map<Nic, ConfirmationCode> codes) {
    Map<Nic, Account> people = accounts.findAll(change.involved());
    codes.forEach(
        (nic, code) -> {
          Map<String, Object> data = payload(change);
          data.put("code", code.text());
          send(MailKind.CHANGE_CODE, people.get(nic), data, change);
        });
    if (change.plan().fromIsInformedOnly()) {
      send(MailKind.CHANGE_NOTICE, people.get(change.from()), payload(change), change);
    }
  }

  /** A party accepted: the parties still awaited are told. */
  void partyAccepted(ContactChange change, Nic by) {
    Map<String, Object> data = payload(change);
    data.put("acceptedBy", by.value());
    sendTo(MailKind.CHANGE_PARTY_ACCEPTED, change.pendingParties(), data, change);
  }

  /** The request ended: everyone involved hears how, and why. */
  void ended(ContactChange change) {
    MailKind kind =
        switch (change.state()) {
          case done -> MailKind.CHANGE_DONE;
          case refused -> MailKind.CHANGE_REFUSED;
          case expired -> MailKind.CHANGE_EXPIRED;
          case aborted -> MailKind.CHANGE_ABORTED;
          case error -> MailKind.CHANGE_ERROR;
          default -> throw new IllegalStateException("not ended: " + change.state());
        };
    sendTo(kind, change.involved(), payload(change), change);
  }

  /** Reminder before expiry to the parties that have not answered. */
  void reminder(ContactChange change) {
    sendTo(MailKind.CHANGE_REMINDER, change.pendingParties(), payload(change), change);
  }

  /** A new code for the party that asked for it. */
  void resent(ContactChange change, Nic nic, ConfirmationCode code) {
    Map<String, Object> data = payload(change);
    data.put("code", code.text());
    send(MailKind.CHANGE_CODE_RESENT, accounts.require(nic), data, change);
  }

  private void sendTo(
      MailKind kind, Collection<Nic> nics, Map<String, Object> data, ContactChange change) {
    Map<Nic, Account> people = accounts.findAll(nics);
    for (Nic nic : nics) {
      send(kind, people.get(nic), data, change);
    }
  }

  private void send(MailKind kind, Account to, Map<String, Object> data, ContactChange change) {
    Map<String, Object> personal = new LinkedHashMap<>(data);
    personal.put("recipientName", to.displayName());
    personal.put("recipientIsParty", change.party(to.nic()).isPresent());
    if (change.reason() != null) {
      personal.put("reason", change.reason().message(to.language().locale()));
    }
    outbox.enqueue(kind, to.recipient(), personal, change.id());
  }

  private static Map<String, Object> payload(ContactChange c) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("changeId", c.id());
    data.put("serviceType", c.serviceType().name());
    data.put("serviceName", c.serviceName());
    data.put("roles", c.roles().stream().sorted().map(ContactRole::name).toList());
    data.put("fromAccount", c.from().value());
    data.put("toAccount", c.to().value());
    data.put("askingAccount", c.asker().value());
    data.put("parties", c.parties().stream().map(p -> p.nic().value()).toList());
    data.put("state", c.state().name());
    data.put("expiresAt", c.expiresAt().toString());
    if (c.doneAt() != null) {
      data.put("doneAt", c.doneAt().toString());
    }
    if (c.reason() != null) {
      data.put("reasonKey", c.reason().key());
      data.put("reasonArgs", List.copyOf(c.reason().args()));
    }
    return data;
  }
}
