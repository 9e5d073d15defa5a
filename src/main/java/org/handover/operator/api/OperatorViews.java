package org.handover.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import org.handover.account.Account;
import org.handover.apiauth.ApiResponses;
import org.handover.audit.AuditEntry;
import org.handover.catalog.HostedService;
import org.handover.change.ChangeItem;
import org.handover.change.ChangeSet;
import org.handover.contact.ContactRole;

/**
 * The JSON shapes of the operator API, in one place: one record per resource, dates formatted by
 * {@link ApiResponses#datetime} and reasons in English.
 */
final class OperatorViews {

  private OperatorViews() {}

  /** An account. */
  record AccountView(
      String nic,
      String email,
      boolean emailVerified,
      String firstName,
      String lastName,
      String organisation,
      String language,
      String state,
      Debt debt,
      String createdAt,
      boolean secondFactor) {

    /** The account, with whether it has a second factor (never the secret). */
    static AccountView of(Account a, boolean secondFactor) {
      return new AccountView(
          a.nic().value(),
          a.email(),
          a.emailVerified(),
          a.firstName(),
          a.lastName(),
          a.organisation(),
          a.language().name(),
          a.state().name(),
          new Debt(a.debtCents(), a.debtCurrency()),
          ApiResponses.datetime(a.createdAt()),
          secondFactor);
    }
  }

  /** What an account owes. */
  record Debt(long amountCents, String currency) {}

  /** A service and its contacts. */
  record ServiceView(
      long serviceId,
      String type,
      String name,
      String displayName,
      String status,
      String admin,
      String tech,
      String billing,
      String createdAt,
      String expiration) {

    static ServiceView of(HostedService s) {
      return new ServiceView(
          s.id(),
          s.type().name(),
          s.name(),
          s.displayName(),
          s.status().name(),
          s.contacts().admin().value(),
          s.contacts().tech().value(),
          s.contacts().billing().value(),
          ApiResponses.datetime(s.createdAt()),
          ApiResponses.datetime(s.expiresAt()));
    }
  }

  /**
   * A task (one item of a change set) with its set's state, parties and id; {@code history}, the
   * set's, only when one task is read on its own. Aborting a task aborts its whole set.
   */
  record ChangeView(
      long id,
      long changeSetId,
      String serviceType,
      String serviceDomain,
      List<String> contactTypes,
      String fromAccount,
      String toAccount,
      String askingAccount,
      String state,
      String dateRequest,
      String dateDone,
      String expiresAt,
      String reason,
      List<PartyView> parties,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<AuditView> history) {

    static ChangeView of(ChangeSet set, ChangeItem item) {
      return new ChangeView(
          item.taskId(),
          set.id(),
          item.serviceType().name(),
          item.serviceName(),
          item.sortedRoles().stream().map(ContactRole::apiName).toList(),
          item.from().value(),
          item.to().value(),
          set.asker().value(),
          set.state().name(),
          ApiResponses.datetime(set.requestedAt()),
          ApiResponses.datetime(set.doneAt()),
          ApiResponses.datetime(set.expiresAt()),
          set.reason() == null ? null : set.reason().message(Locale.ENGLISH),
          set.parties().stream()
              .map(
                  p ->
                      new PartyView(
                          p.nic().value(),
                          p.status().name(),
                          ApiResponses.datetime(p.answeredAt()),
                          p.failedAttempts()))
              .toList(),
          null);
    }

    ChangeView withHistory(List<AuditView> entries) {
      return new ChangeView(
          id,
          changeSetId,
          serviceType,
          serviceDomain,
          contactTypes,
          fromAccount,
          toAccount,
          askingAccount,
          state,
          dateRequest,
          dateDone,
          expiresAt,
          reason,
          parties,
          entries);
    }
  }

  /** A party of a request and its answer. */
  record PartyView(String account, String status, String answeredAt, int failedAttempts) {}

  /** An audit log row. */
  record AuditView(
      long id,
      String at,
      String actorKind,
      String actor,
      String actorName,
      String action,
      Long serviceId,
      Long changeId,
      String detail,
      String clientAddress) {

    static AuditView of(AuditEntry e) {
      return new AuditView(
          e.id(),
          ApiResponses.datetime(e.at()),
          e.actorKind().name(),
          e.actor(),
          e.actorName(),
          e.action(),
          e.serviceId(),
          e.changeId(),
          e.detail(),
          e.clientAddress());
    }
  }
}
