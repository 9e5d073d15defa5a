package org.handover.account;

import static org.handover.account.AccountFields.blankToNull;

import org.handover.audit.AuditLog;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.audit.SecurityReason;
import org.handover.system.Actor;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the provider does to an account (operator API, staff console, billing, demo data): its
 * payment standing, suspension, a correction of its fields, and ending its sessions (also the
 * customer's own "sign out everywhere"). Each writes one audit row; suspending and ending sessions
 * lock the account's sessions and API keys out.
 *
 * <p>Errors: {@link UnknownAccount}, {@link InvalidField}, {@link EmailTaken}.
 */
@Service
public class AccountAdministration {

  private final Accounts accounts;
  private final AccountRepository repository;
  private final AuditLog audit;
  private final SecurityLog securityLog;
  private final ApplicationEventPublisher events;

  AccountAdministration(
      Accounts accounts,
      AccountRepository repository,
      AuditLog audit,
      SecurityLog securityLog,
      ApplicationEventPublisher events) {
    this.accounts = accounts;
    this.repository = repository;
    this.audit = audit;
    this.securityLog = securityLog;
    this.events = events;
  }

  /** Sets the overdue amount the account owes (0 = good standing). */
  @Transactional
  public void setDebt(Nic nic, long cents, String currency, Actor actor) {
    if (cents < 0) {
      throw new InvalidField("amountCents");
    }
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw new InvalidField("currency");
    }
    if (repository.updateDebt(nic, cents, currency) == 0) {
      throw new UnknownAccount(nic);
    }
    audit.record(actor, "account.debt", null, null, nic + " " + cents + " " + currency);
  }

  @Transactional
  public void setState(Nic nic, Account.State state, Actor actor) {
    if (repository.updateState(nic, state) == 0) {
      throw new UnknownAccount(nic);
    }
    audit.record(actor, "account." + state.name(), null, null, nic.value());
    if (state == Account.State.suspended) {
      events.publishEvent(new AccountLockdown(nic, SecurityReason.suspended, actor));
    }
  }

  /**
   * Ends every web session of the account (except the one acting, if any) and every API consumer
   * key: "sign out everywhere", or an operator's revocation.
   */
  @Transactional
  public void endSessions(Nic nic, Actor actor) {
    accounts.require(nic);
    audit.record(actor, "account.sessionsRevoked", null, null, nic.value());
    events.publishEvent(new AccountLockdown(nic, SecurityReason.everywhere, actor));
  }

  /** An operator's correction of an account: any field left null keeps its value. */
  @Transactional
  public Account amend(
      Nic nic,
      String email,
      String firstName,
      String lastName,
      String organisation,
      Language language,
      Actor actor) {
    Account a = accounts.require(nic);
    if (email != null) {
      String e = AccountFields.normaliseEmail(email);
      if (!e.equals(a.email())) {
        if (repository.findByEmail(e).isPresent()) {
          throw new EmailTaken(e);
        }
        repository.updateEmail(nic, e);
        securityLog.record(nic, SecurityEvent.emailChanged, SecurityLog.Details.by(actor));
      }
    }
    String first = firstName == null ? a.firstName() : firstName;
    String last = lastName == null ? a.lastName() : lastName;
    AccountFields.requireName(first, "firstName");
    AccountFields.requireName(last, "lastName");
    AccountFields.requireOrganisation(organisation);
    repository.updateProfile(
        nic,
        first.strip(),
        last.strip(),
        organisation == null ? a.organisation() : blankToNull(organisation),
        language == null ? a.language() : language);
    audit.record(actor, "account.amended", null, null, nic.value());
    return accounts.require(nic);
  }
}
