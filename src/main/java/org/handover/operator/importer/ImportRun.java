package org.handover.operator.importer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handover.account.Account;
import org.handover.catalog.ServiceKey;
import org.handover.contact.ContactRole;
import org.handover.system.BulkSql;
import org.handover.system.Messages;
import org.handover.system.Nic;

/**
 * One import, read row by row in batches of {@value BulkSql#CHUNK}: each row checked on its own,
 * against the rows read before it (through {@link Store#firstLines}, kept in the database, not in
 * memory) and against the database; rows already present with the same data count as unchanged,
 * rows present with other data are errors, so nothing is ever overwritten. New rows are written
 * batch by batch while no error has been found (the caller's transaction rolls everything back
 * otherwise). It holds one batch and the first {@value InvalidRows#LISTED} errors, whatever the
 * size of the files.
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

  private static final String NIC = "n";
  private static final String NAMED = "N";
  private static final String EMAIL = "e";
  private static final String SERVICE = "s";

  private final Store store;
  private final boolean write;

  int newAccounts;
  int newServices;
  int unchangedAccounts;
  int unchangedServices;
  private final List<RowError> fileErrors = new ArrayList<>();
  private final List<RowError> errors = new ArrayList<>();
  private int errorCount;
  private boolean namedByInvalidRows;

  /**
   * @param write whether to write new rows (false for a dry run)
   */
  ImportRun(Store store, boolean write) {
    this.store = store;
    this.write = write;
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

  // ---- accounts -------------------------------------------------------------------------------

  private void accountBatch(List<Row> rows) {
    Problems problems = new Problems(ACCOUNTS);
    List<AccountLine> lines = new ArrayList<>();
    Map<String, Integer> named = new LinkedHashMap<>();
    for (Row row : rows) {
      Fields fields = new Fields(row);
      AccountLine account = AccountLine.read(row, fields);
      if (account != null) {
        lines.add(account);
        continue;
      }
      problems.addAll(row.line(), fields.problems());
      String nic = row.values().get("nic");
      if (nic != null && Nic.isValid(nic)) {
        named.putIfAbsent(Nic.parse(nic).value(), row.line());
      }
    }
    Seen nics = new Seen(NIC, lines.stream().map(a -> a.nic().value()).toList());
    Seen emails = new Seen(EMAIL, lines.stream().map(AccountLine::email).toList());
    List<AccountLine> fresh = new ArrayList<>();
    for (AccountLine account : lines) {
      Integer first = nics.first(account.nic().value(), account.line());
      Integer firstEmail = emails.first(account.email(), account.line());
      if (first != null) {
        problems.add(
            account.line(), Messages.english("import.duplicate.nic", account.nic(), first));
      } else if (firstEmail != null) {
        problems.add(
            account.line(),
            Messages.english("import.duplicate.email", account.email(), firstEmail));
      } else {
        fresh.add(account);
      }
    }
    nics.remember();
    emails.remember();
    if (!named.isEmpty()) {
      namedByInvalidRows = true;
      new Seen(NAMED, named.keySet()).rememberAll(named);
    }
    compareAccounts(fresh, problems);
  }

  private void compareAccounts(List<AccountLine> fresh, Problems problems) {
    Map<Nic, Account> existing = store.accounts(fresh.stream().map(AccountLine::nic).toList());
    Map<String, Nic> owners = store.emailOwners(fresh.stream().map(AccountLine::email).toList());
    List<AccountLine> toWrite = new ArrayList<>();
    for (AccountLine account : fresh) {
      Account found = existing.get(account.nic());
      Nic emailOwner = owners.get(account.email());
      if (found != null) {
        List<String> differences = account.differences(found);
        if (differences.isEmpty()) {
          unchangedAccounts++;
        } else {
          problems.add(
              account.line(),
              Messages.english(
                  "import.account.differs", account.nic(), String.join(", ", differences)));
        }
      } else if (emailOwner != null) {
        problems.add(
            account.line(), Messages.english("import.email.taken", account.email(), emailOwner));
      } else {
        toWrite.add(account);
      }
    }
    report(problems);
    newAccounts += toWrite.size();
    if (writing()) {
      store.writeAccounts(toWrite);
    }
  }

  // ---- services -------------------------------------------------------------------------------

  private void serviceBatch(List<Row> rows) {
    Problems problems = new Problems(SERVICES);
    List<ServiceLine> lines = new ArrayList<>();
    for (Row row : rows) {
      Fields fields = new Fields(row);
      ServiceLine service = ServiceLine.read(row, fields);
      if (service == null) {
        problems.addAll(row.line(), fields.problems());
      } else {
        lines.add(service);
      }
    }
    Seen keys = new Seen(SERVICE, lines.stream().map(ImportRun::key).toList());
    List<ServiceLine> fresh = new ArrayList<>();
    for (ServiceLine service : lines) {
      Integer first = keys.first(key(service), service.line());
      if (first != null) {
        problems.add(
            service.line(),
            Messages.english(
                "import.duplicate.service", service.type().name(), service.name(), first));
      } else {
        fresh.add(service);
      }
    }
    keys.remember();
    compareServices(fresh, problems);
  }

  private static String key(ServiceLine service) {
    return service.type().name() + " " + service.name();
  }

  private void compareServices(List<ServiceLine> fresh, Problems problems) {
    Set<Nic> contacts = new HashSet<>();
    fresh.forEach(s -> contacts.addAll(List.of(s.contacts().admin(), s.contacts().tech())));
    fresh.forEach(s -> contacts.add(s.contacts().billing()));
    Set<Nic> known = knownAccounts(contacts);
    Map<ServiceKey, ServiceLine.Existing> existing =
        store.services(fresh.stream().map(ServiceLine::key).toList());
    List<ServiceLine> toWrite = new ArrayList<>();
    for (ServiceLine service : fresh) {
      boolean ok = true;
      Set<Nic> reported = new HashSet<>();
      for (ContactRole role : ContactRole.values()) {
        Nic nic = service.contacts().holder(role);
        if (!known.contains(nic) && reported.add(nic)) {
          problems.add(
              service.line(), Messages.english("import.contact.unknown", role.name(), nic));
          ok = false;
        }
      }
      ServiceLine.Existing found = existing.get(service.key());
      if (found != null) {
        List<String> differences = service.differences(found);
        if (!differences.isEmpty()) {
          problems.add(
              service.line(),
              Messages.english(
                  "import.service.differs",
                  service.type().name(),
                  service.name(),
                  String.join(", ", differences)));
        } else if (ok) {
          unchangedServices++;
        }
      } else if (ok) {
        toWrite.add(service);
      }
    }
    report(problems);
    newServices += toWrite.size();
    if (writing()) {
      store.writeServices(toWrite);
    }
  }

  /** The contacts named in the accounts file (valid row or not) or present in the database. */
  private Set<Nic> knownAccounts(Set<Nic> nics) {
    Set<Nic> known = new HashSet<>();
    store
        .firstLines(
            namedByInvalidRows ? List.of(NIC, NAMED) : List.of(NIC),
            nics.stream().map(Nic::value).toList())
        .keySet()
        .forEach(n -> known.add(new Nic(n)));
    List<Nic> rest = nics.stream().filter(n -> !known.contains(n)).toList();
    known.addAll(store.accounts(rest).keySet());
    return known;
  }

  /** Keys of one kind in one batch: the lines of those read before, and those new in the batch. */
  private final class Seen {
    private final String kind;
    private final Map<String, Integer> before;
    private final Map<String, Integer> added = new LinkedHashMap<>();

    Seen(String kind, Collection<String> keys) {
      this.kind = kind;
      this.before = keys.isEmpty() ? Map.of() : store.firstLines(List.of(kind), keys);
    }

    /** The line that first named the key, or null (and the key is now named on this line). */
    Integer first(String key, int line) {
      Integer first = before.get(key);
      return first != null ? first : added.putIfAbsent(key, line);
    }

    void remember() {
      if (!added.isEmpty()) {
        store.remember(kind, added);
      }
    }

    /** Remembers those of the given keys not read before. */
    void rememberAll(Map<String, Integer> lines) {
      lines.forEach((key, line) -> first(key, line));
      remember();
    }
  }
}
