package org.handover.operator.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Bulk import of accounts and services (CSV or JSON lines), streamed: rows are read, checked and
 * written in batches inside one transaction, so memory stays bounded whatever the size of the
 * files, and all new rows are written or none ({@link InvalidRows} lists the bad rows). Rows
 * already present with the same data are left alone, so re-running an import changes nothing.
 * Imported accounts have no password and no email is sent.
 */
@Service
public class BulkImport {

  /** Rows written from which the planner statistics are refreshed after the import. */
  static final int STATISTICS_THRESHOLD = 1_000;

  private final Accounts accounts;
  private final HostedServices services;
  private final ImportKeys keys;
  private final AuditLog audit;
  private final Clock clock;
  private final TransactionTemplate tx;

  BulkImport(
      Accounts accounts,
      HostedServices services,
      ImportKeys keys,
      AuditLog audit,
      Clock clock,
      TransactionTemplate tx) {
    this.accounts = accounts;
    this.services = services;
    this.keys = keys;
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
  public ImportResult run(
      ImportFile accountsFile,
      ImportFile servicesFile,
      boolean dryRun,
      Actor actor,
      ImportProgress progress) {
    if (accountsFile == null && servicesFile == null) {
      throw new NothingToImport();
    }
    ImportResult result;
    try {
      result =
          tx.execute(
              status -> {
                try {
                  return readAndWrite(accountsFile, servicesFile, dryRun, actor, progress, status);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
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

  private ImportResult readAndWrite(
      ImportFile accountsFile,
      ImportFile servicesFile,
      boolean dryRun,
      Actor actor,
      ImportProgress progress,
      TransactionStatus status)
      throws IOException {
    Instant now = clock.instant();
    String importId = UUID.randomUUID().toString();
    ImportRun run = new ImportRun(new Store(importId, now), !dryRun);
    read(run, ImportRun.ACCOUNTS, accountsFile, progress);
    read(run, ImportRun.SERVICES, servicesFile, progress);
    InvalidRows invalid = run.invalid();
    if (invalid != null) {
      throw invalid;
    }
    ImportResult result = result(run, dryRun);
    if (dryRun) {
      status.setRollbackOnly();
      return result;
    }
    keys.forget(importId);
    audit.record(actor, "operator.import", null, null, detail(result));
    return result;
  }

  private static void read(ImportRun run, String name, ImportFile file, ImportProgress progress)
      throws IOException {
    if (file == null) {
      return;
    }
    try (ImportFile.Counting in = new ImportFile.Counting(file.source().open())) {
      boolean accounts = name.equals(ImportRun.ACCOUNTS);
      RowReader reader =
          RowReader.open(
              name,
              in,
              accounts ? AccountLine.FIELDS : ServiceLine.FIELDS,
              accounts ? AccountLine.REQUIRED : ServiceLine.REQUIRED);
      ImportRun.Progress told = (f, rows) -> progress.update(f, rows, in.count(), file.size());
      if (accounts) {
        run.accounts(reader, told);
      } else {
        run.services(reader, told);
      }
    }
  }

  private static ImportResult result(ImportRun run, boolean dryRun) {
    return new ImportResult(
        dryRun,
        new ImportResult.Counts(run.newAccounts, run.unchangedAccounts),
        new ImportResult.Counts(run.newServices, run.unchangedServices),
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

  /** The database as one import sees it, through the application services and its own keys. */
  private final class Store implements ImportRun.Store {
    private final String importId;
    private final Instant now;

    Store(String importId, Instant now) {
      this.importId = importId;
      this.now = now;
    }

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

    @Override
    public Map<String, Integer> firstLines(Collection<String> kinds, Collection<String> names) {
      return keys.lines(importId, kinds, names);
    }

    @Override
    public void remember(String kind, Map<String, Integer> lines) {
      keys.add(importId, kind, lines);
    }

    @Override
    public void writeAccounts(List<AccountLine> lines) {
      accounts.importAll(lines.stream().map(a -> a.toAccount(now)).toList());
    }

    @Override
    public void writeServices(List<ServiceLine> lines) {
      services.importAll(lines.stream().map(ServiceLine::toNewService).toList(), now);
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
