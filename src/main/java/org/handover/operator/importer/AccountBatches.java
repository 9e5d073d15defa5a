package org.handover.operator.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.account.Account;
import org.handover.system.Messages;
import org.handover.system.Nic;

/**
 * Checks the accounts file of an import batch by batch: each row on its own, against the rows read
 * before it (a customer ID or an address named twice) and against the database (an account present
 * with other data, an address another account holds). It remembers the customer IDs invalid rows
 * name, which the services file may still use as contacts.
 */
final class AccountBatches {

  private final ImportRun.Store store;
  private boolean namedByInvalidRows;

  AccountBatches(ImportRun.Store store) {
    this.store = store;
  }

  /** Whether some invalid row named a customer ID. */
  boolean namedByInvalidRows() {
    return namedByInvalidRows;
  }

  CheckedBatch<AccountLine> check(List<Row> rows) {
    Problems problems = new Problems(ImportRun.ACCOUNTS);
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
    List<AccountLine> fresh = firstOfTheirKeys(lines, problems);
    if (!named.isEmpty()) {
      namedByInvalidRows = true;
      new SeenKeys(store, SeenKeys.NAMED, named.keySet()).rememberAll(named);
    }
    return compare(fresh, problems);
  }

  /** The rows whose customer ID and address no row before them named. */
  private List<AccountLine> firstOfTheirKeys(List<AccountLine> lines, Problems problems) {
    SeenKeys nics =
        new SeenKeys(store, SeenKeys.NIC, lines.stream().map(a -> a.nic().value()).toList());
    SeenKeys emails =
        new SeenKeys(store, SeenKeys.EMAIL, lines.stream().map(AccountLine::email).toList());
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
    return fresh;
  }

  private CheckedBatch<AccountLine> compare(List<AccountLine> fresh, Problems problems) {
    Map<Nic, Account> existing = store.accounts(fresh.stream().map(AccountLine::nic).toList());
    Map<String, Nic> owners = store.emailOwners(fresh.stream().map(AccountLine::email).toList());
    List<AccountLine> toWrite = new ArrayList<>();
    int unchanged = 0;
    for (AccountLine account : fresh) {
      Account found = existing.get(account.nic());
      Nic emailOwner = owners.get(account.email());
      if (found != null) {
        List<String> differences = account.differences(found);
        if (differences.isEmpty()) {
          unchanged++;
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
    return new CheckedBatch<>(toWrite, unchanged, problems);
  }
}
