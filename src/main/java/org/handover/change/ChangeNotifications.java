package org.handover.change;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceKey;
import org.handover.contact.Contacts;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.system.ConfirmationCode;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/**
 * The emails of a change set (DESIGN §4), one per person per step, handed to {@link ChangeEffects}
 * which writes them to the outbox with the step's other rows; each says what is true for its reader
 * ({@link MailReader}). Only {@link ChangeEffects} calls it.
 */
@Component
class ChangeNotifications {

  private final Accounts accounts;
  private final HostedServices services;

  ChangeNotifications(Accounts accounts, HostedServices services) {
    this.accounts = accounts;
    this.services = services;
  }

  /** Set made: each party gets its code; every other member a notice. */
  List<Outbox.Letter> created(ChangeSet set, Map<Nic, ConfirmationCode> codes) {
    Map<Nic, Account> people = accounts.findAll(set.members());
    Map<ServiceKey, Contacts> contacts = contactsFor(set, set.members());
    List<Outbox.Letter> letters = new ArrayList<>();
    for (Nic nic : set.members()) {
      ConfirmationCode code = codes.get(nic);
      MailKind kind = code == null ? MailKind.CHANGE_NOTICE : MailKind.CHANGE_CODE;
      letters.add(
          letter(
              kind,
              set,
              MailReader.of(set, nic, contacts),
              people.get(nic),
              code == null ? null : code.text(),
              null));
    }
    return letters;
  }

  /** A party accepted: the parties still awaited are told. */
  List<Outbox.Letter> partyAccepted(ChangeSet set, Nic by) {
    return sendTo(MailKind.CHANGE_PARTY_ACCEPTED, set, set.pendingParties(), by.value());
  }

  /** The set ended: every member hears how, and why. */
  List<Outbox.Letter> ended(ChangeSet set) {
    MailKind kind =
        switch (set.state()) {
          case done -> MailKind.CHANGE_DONE;
          case refused -> MailKind.CHANGE_REFUSED;
          case expired -> MailKind.CHANGE_EXPIRED;
          case aborted -> MailKind.CHANGE_ABORTED;
          case error -> MailKind.CHANGE_ERROR;
          default -> throw new IllegalStateException("not ended: " + set.state());
        };
    return sendTo(kind, set, set.members(), null);
  }

  /** Reminder before expiry to the parties that have not answered. */
  List<Outbox.Letter> reminder(ChangeSet set) {
    return sendTo(MailKind.CHANGE_REMINDER, set, set.pendingParties(), null);
  }

  /** A new code for the party that asked for it. */
  List<Outbox.Letter> resent(ChangeSet set, Nic nic, ConfirmationCode code) {
    return List.of(
        letter(
            MailKind.CHANGE_CODE_RESENT,
            set,
            MailReader.of(set, nic, Map.of()),
            accounts.require(nic),
            code.text(),
            null));
  }

  private List<Outbox.Letter> sendTo(
      MailKind kind, ChangeSet set, Collection<Nic> nics, String acceptedBy) {
    Map<Nic, Account> people = accounts.findAll(nics);
    Map<ServiceKey, Contacts> contacts = contactsFor(set, nics);
    List<Outbox.Letter> letters = new ArrayList<>();
    for (Nic nic : nics) {
      letters.add(
          letter(kind, set, MailReader.of(set, nic, contacts), people.get(nic), null, acceptedBy));
    }
    return letters;
  }

  /**
   * The current contacts of the set's services, read only when some reader is neither the asker nor
   * on an item (a contact whose role does not change is told which roles they keep).
   */
  private Map<ServiceKey, Contacts> contactsFor(ChangeSet set, Collection<Nic> readers) {
    if (readers.stream().noneMatch(nic -> MailReader.needsContacts(set, nic))) {
      return Map.of();
    }
    Set<ServiceKey> keys = new LinkedHashSet<>();
    set.items().forEach(i -> keys.add(new ServiceKey(i.serviceType(), i.serviceName())));
    Map<ServiceKey, Contacts> contacts = new HashMap<>();
    services.findAll(keys).forEach((key, service) -> contacts.put(key, service.contacts()));
    return contacts;
  }

  private static Outbox.Letter letter(
      MailKind kind, ChangeSet set, MailReader reader, Account to, String code, String acceptedBy) {
    String reason = set.reason() == null ? null : set.reason().message(to.language().locale());
    var personal =
        new ChangeMail.Personal(
            to.displayName(), set.party(to.nic()).isPresent(), code, acceptedBy);
    return new Outbox.Letter(
        kind,
        to.recipient(),
        ChangeMail.of(set, reader, personal, reason),
        set.id(),
        to.nic().equals(set.asker()));
  }
}
