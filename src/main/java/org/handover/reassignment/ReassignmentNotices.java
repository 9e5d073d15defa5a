package org.handover.reassignment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.catalog.HostedService;
import org.handover.mail.MailKind;
import org.handover.mail.Outbox;
import org.handover.system.ConfirmationCode;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/** The emails of a case, written to the outbox in the caller's transaction. */
@Component
class ReassignmentNotices {

  private final Outbox outbox;
  private final Accounts accounts;

  ReassignmentNotices(Outbox outbox, Accounts accounts) {
    this.outbox = outbox;
    this.accounts = accounts;
  }

  /** Cooling-off starts: every current contact may veto; the new contact gets a code. */
  void coolingOff(ReassignmentCase c, Collection<HostedService> services, ConfirmationCode code) {
    for (Nic nic : currentContacts(services)) {
      send(MailKind.CASE_NOTICE, nic, c, services, null, null);
    }
    send(MailKind.CASE_CODE, c.newContact(), c, services, null, code.text());
  }

  /** The case was applied: the replaced contacts, everyone else on the services, the new one. */
  void applied(ReassignmentCase c, Collection<HostedService> before) {
    Set<Nic> told = currentContacts(before);
    told.add(c.newContact());
    told.forEach(nic -> send(MailKind.CASE_APPLIED, nic, c, before, null, null));
  }

  /** The case ended without change (veto, expiry, final check): everyone is told why. */
  void ended(ReassignmentCase c, Collection<HostedService> services, String why) {
    Set<Nic> told = currentContacts(services);
    told.add(c.newContact());
    told.forEach(nic -> send(MailKind.CASE_ENDED, nic, c, services, why, null));
  }

  private static Set<Nic> currentContacts(Collection<HostedService> services) {
    Set<Nic> nics = new LinkedHashSet<>();
    for (HostedService s : services) {
      nics.add(s.contacts().admin());
      nics.add(s.contacts().tech());
      nics.add(s.contacts().billing());
    }
    return nics;
  }

  private void send(
      MailKind kind,
      Nic to,
      ReassignmentCase c,
      Collection<HostedService> services,
      String why,
      String code) {
    Account account = accounts.find(to).orElse(null);
    if (account == null) {
      return;
    }
    CaseReader reader = CaseReader.of(c, to, services);
    List<ReassignmentCase.Item> own = reader.items();
    var mail =
        new ReassignmentMail(
            c.id(),
            account.firstName() + " " + account.lastName(),
            own.stream()
                .limit(ReassignmentMail.NAMED)
                .map(ReassignmentCase.Item::serviceName)
                .toList(),
            own.size(),
            own.get(0).serviceType(),
            List.of(c.role().name()),
            String.join(", ", fromContacts(own)),
            c.newContact().value(),
            why != null ? why : c.reason(),
            kind == MailKind.CASE_ENDED ? endReasonKey(c, to) : null,
            c.endReasonArgument(),
            c.coolingOffEndsAt(),
            code,
            reader.name());
    outbox.enqueue(kind, account.recipient(), mail, null);
  }

  /** Why the case ended, in the bundles' words; "you vetoed it" for the one who vetoed it. */
  private static String endReasonKey(ReassignmentCase c, Nic reader) {
    String key = c.endReasonKey();
    boolean own = "case.end.vetoed".equals(key) && reader.value().equals(c.endReasonArgument());
    return own ? key + ".you" : key;
  }

  private static List<String> fromContacts(List<ReassignmentCase.Item> items) {
    List<String> from = new ArrayList<>();
    items.forEach(
        i -> {
          if (!from.contains(i.fromContact().value())) {
            from.add(i.fromContact().value());
          }
        });
    return from;
  }
}
