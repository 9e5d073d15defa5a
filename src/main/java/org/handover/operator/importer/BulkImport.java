package org.handover.operator.importer;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.audit.AuditLog;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceKey;
import org.handover.system.Actor;
import org.handover.system.BulkSql;
import org.handover.system.HandoverException;
import org.handover.system.Messages;
import org.handover.system.Nic;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk import of accounts and services (CSV or JSON lines): every row of both files is validated
 * first, then all new rows are written in one transaction, or none ({@link InvalidRows} lists every
 * bad row). Rows already present with the same data are left alone, so re-running an import changes
 * nothing. Imported accounts have no password and no email is sent.
 */
@Service
public class BulkImport {

  /** Rows written from which the planner statistics are refreshed after the import. */
  static final int STATISTICS_THRESHOLD = 1_000;

  private final Accounts accounts;
  private final HostedServices services;
  private final AuditLog audit;
  private final Clock clock;
  private final TransactionTemplate tx;

  BulkImport(
      Accounts accounts,
      HostedServices services,
      AuditLog audit,
      Clock clock,
      TransactionTemplate tx) {
    this.accounts = accounts;
    this.services = services;
    this.audit = audit;
    this.clock = clock;
    this.tx = tx;
  }

  /**
   * Imports the files (either may be null, not both). A dry run validates and counts the same way
   * and writes nothing.
   *
   * @throws InvalidRows when any row is invalid; nothing was written
   */
  public ImportResult run(byte[] accountsFile, byte[] servicesFile, boolean dryRun, Actor actor) {
    if (accountsFile == null && servicesFile == null) {
      throw new NothingToImport();
    }
    ImportResult result;
    try {
      result =
          tx.execute(status -> planAndWrite(accountsFile, servicesFile, dryRun, actor, status));
    } catch (DuplicateKeyException raced) {
      throw new Raced();
    }
    if (!dryRun
        && result.accounts().imported() + result.services().imported() >= STATISTICS_THRESHOLD) {
      accounts.refreshStatistics();
      services.refreshStatistics();
    }
    return result;
  }

  private ImportResult planAndWrite(
      byte[] accountsFile,
      byte[] servicesFile,
      boolean dryRun,
      Actor actor,
      TransactionStatus status) {
    ImportPlan plan = ImportPlan.of(accountsFile, servicesFile, new Lookups());
    if (!plan.errors().isEmpty()) {
      throw new InvalidRows(plan.errors());
    }
    ImportResult result = result(plan, dryRun);
    if (dryRun) {
      status.setRollbackOnly();
      return result;
    }
    Instant now = clock.instant();
    accounts.importAll(plan.newAccounts.stream().map(a -> a.toAccount(now)).toList());
    services.importAll(plan.newServices.stream().map(ServiceLine::toNewService).toList(), now);
    audit.record(actor, "operator.import", null, null, detail(result));
    return result;
  }

  private static ImportResult result(ImportPlan plan, boolean dryRun) {
    return new ImportResult(
        dryRun,
        new ImportResult.Counts(plan.newAccounts.size(), plan.unchangedAccounts),
        new ImportResult.Counts(plan.newServices.size(), plan.unchangedServices),
        0,
        Messages.english("import.note"));
  }

  private static String detail(ImportResult r) {
    return "accounts imported="
        + r.accounts().imported()
        + " unchanged="
        + r.accounts().unchanged()
        + "; services imported="
        + r.services().imported()
        + " unchanged="
        + r.services().unchanged()
        + "; emails sent=0";
  }

  /** Existing rows, read by chunks through the application services. */
  private final class Lookups implements ImportPlan.Lookups {
    @Override
    public Map<Nic, Account> accounts(Collection<Nic> nics) {
      Map<Nic, Account> found = new HashMap<>();
      BulkSql.chunks(List.copyOf(nics), chunk -> found.putAll(accounts.findAll(chunk)));
      return found;
    }

    @Override
    public Map<String, Nic> emailOwners(Collection<String> emails) {
      return accounts.emailOwners(emails);
    }

    @Override
    public Map<ServiceKey, ServiceLine.Existing> services(Collection<ServiceKey> keys) {
      Map<ServiceKey, ServiceLine.Existing> found = new HashMap<>();
      services
          .findAll(keys)
          .forEach(
              (key, s) ->
                  found.put(
                      key,
                      new ServiceLine.Existing(
                          s.displayName(), s.status(), s.expiresAt(), s.contacts())));
      return found;
    }
  }

  /** Neither file was given. */
  public static final class NothingToImport extends HandoverException {
    NothingToImport() {
      super(Kind.BAD_REQUEST, "import.nothing");
    }
  }

  /** Another writer created some of the same rows while the import ran; nothing was imported. */
  public static final class Raced extends HandoverException {
    Raced() {
      super(Kind.CONFLICT, "import.raced");
    }
  }
}
