package org.handover.operator.importer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.handover.account.Account;
import org.handover.catalog.ServiceKey;
import org.handover.system.BulkSql;
import org.handover.system.Nic;

/**
 * One import, read row by row in batches of {@value BulkSql#CHUNK}: each row checked ({@link
 * AccountBatches}, {@link ServiceBatches}) on its own, against the rows read before it (through
 * {@link Store#firstLines}, kept in the database, not in memory) and against the database; rows
 * already present with the same data count as unchanged, rows present with other data are errors,
 * so nothing is ever overwritten. New rows are written batch by batch while no error has been found
 * (the caller's transaction rolls everything back otherwise). It holds one batch and the first
 * {@value InvalidRows#LISTED} errors, whatever the size of the files.
 */
final class ImportRun {

  /** What the run reads and writes in the database, in the caller's transaction. */
  interface Store {
    Map<Nic, Account> accounts(Collection<Nic> nics);

    Map<String, Nic> emailOwners(Collection<String> emails);

    Map<ServiceKey, ServiceLine.Existing> services(Collection<ServiceKey> keys);

    /** The first line of each key of these kinds read earlier in this import. */
    Map<String, Integer> firstLines(Collection<String> kinds, Collection<String> keys);

    /** Remembers keys of one kind with their line. */
    void remember(String kind, Map<String, Integer> lines);

    void writeAccounts(List<AccountLine> accounts);

    void writeServices(List<ServiceLine> services);
  }

  /** Told after each batch: rows read so far of the file. */
  interface Progress {
    void rows(String file, long rows);
  }

  static final String ACCOUNTS = "accounts";
  static final String SERVICES = "services";

  private final Store store;
  private final boolean write;
  private final AccountBatches accountBatches;
  private final ServiceBatches serviceBatches;

  int newAccounts;
  int newServices;
  int unchangedAccounts;
  int unchangedServices;
  private final List<RowError> fileErrors = new ArrayList<>();
  private final List<RowError> errors = new ArrayList<>();
  private int errorCount;

  /**
   * @param write whether to write new rows (false for a dry run)
   */
  ImportRun(Store store, boolean write) {
    this.store = store;
    this.write = write;
    this.accountBatches = new AccountBatches(store);
    this.serviceBatches = new ServiceBatches(store);
  }

  /** The error of the run, or null when every row is good. */
  InvalidRows invalid() {
    if (!fileErrors.isEmpty()) {
      return new InvalidRows(fileErrors, fileErrors.size());
    }
    return errorCount == 0 ? null : new InvalidRows(errors, errorCount);
  }

  /** Reads the accounts file; call before {@link #services}, whose contacts may be in it. */
  void accounts(RowReader reader, Progress progress) throws IOException {
    read(ACCOUNTS, reader, progress, this::accountBatch);
  }

  void services(RowReader reader, Progress progress) throws IOException {
    read(SERVICES, reader, progress, this::serviceBatch);
  }

  private interface Batch {
    void check(List<Row> rows);
  }

  private void read(String file, RowReader reader, Progress progress, Batch batch)
      throws IOException {
    List<Row> rows = new ArrayList<>(BulkSql.CHUNK);
    long read = 0;
    Row row;
    do {
      row = reader.next();
      if (row != null) {
        rows.add(row);
      }
      if (rows.size() == BulkSql.CHUNK || (row == null && !rows.isEmpty())) {
        read += rows.size();
        if (fileErrors.isEmpty()) {
          batch.check(rows); // after a file error only file errors count: just read on
        }
        rows.clear();
        progress.rows(file, read);
      }
    } while (row != null);
    fileErrors.addAll(reader.fileErrors());
  }

  private void report(Problems problems) {
    for (RowError error : problems.errors()) {
      if (errors.size() < InvalidRows.LISTED) {
        errors.add(error);
      }
      errorCount++;
    }
  }

  private boolean writing() {
    return write && errorCount == 0;
  }

  private void accountBatch(List<Row> rows) {
    CheckedBatch<AccountLine> checked = accountBatches.check(rows);
    report(checked.problems());
    unchangedAccounts += checked.unchanged();
    newAccounts += checked.toWrite().size();
    if (writing()) {
      store.writeAccounts(checked.toWrite());
    }
  }

  private void serviceBatch(List<Row> rows) {
    CheckedBatch<ServiceLine> checked =
        serviceBatches.check(rows, accountBatches.namedByInvalidRows());
    report(checked.problems());
    unchangedServices += checked.unchanged();
    newServices += checked.toWrite().size();
    if (writing()) {
      store.writeServices(checked.toWrite());
    }
  }
}
