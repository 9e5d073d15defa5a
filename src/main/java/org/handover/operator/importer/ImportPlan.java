package org.handover.operator.importer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handover.account.Account;
import org.handover.catalog.ServiceKey;
import org.handover.contact.ContactRole;
import org.handover.system.Messages;
import org.handover.system.Nic;

/**
 * What an import would write, worked out before anything is written: every row checked on its own,
 * against the other rows of both files and against the database (looked up in bulk). Rows already
 * present with the same data are counted as unchanged; rows present with other data are errors, so
 * nothing is ever overwritten.
 */
final class ImportPlan {

  /** Bulk reads of what the database already holds. */
  interface Lookups {
    Map<Nic, Account> accounts(Collection<Nic> nics);

    Map<String, Nic> emailOwners(Collection<String> emails);

    Map<ServiceKey, ServiceLine.Existing> services(Collection<ServiceKey> keys);
  }

  static final String ACCOUNTS = "accounts";
  static final String SERVICES = "services";

  final List<AccountLine> newAccounts = new ArrayList<>();
  final List<ServiceLine> newServices = new ArrayList<>();
  int unchangedAccounts;
  int unchangedServices;
  private final List<RowError> errors = new ArrayList<>();

  private final Problems accountProblems = new Problems(ACCOUNTS);
  private final Problems serviceProblems = new Problems(SERVICES);
  private final List<AccountLine> accountLines = new ArrayList<>();
  private final List<ServiceLine> serviceLines = new ArrayList<>();
  private final Set<Nic> namedInFile = new HashSet<>();

  private ImportPlan() {}

  /** Plans the import of either file or both (a null file is absent). */
  static ImportPlan of(byte[] accountsFile, byte[] servicesFile, Lookups lookups) {
    ImportPlan plan = new ImportPlan();
    RowReader.Parsed accounts =
        read(ACCOUNTS, accountsFile, AccountLine.FIELDS, AccountLine.REQUIRED);
    RowReader.Parsed services =
        read(SERVICES, servicesFile, ServiceLine.FIELDS, ServiceLine.REQUIRED);
    if (!accounts.fileErrors().isEmpty() || !services.fileErrors().isEmpty()) {
      plan.errors.addAll(accounts.fileErrors());
      plan.errors.addAll(services.fileErrors());
      return plan;
    }
    plan.readAccounts(accounts.rows());
    plan.readServices(services.rows());
    plan.compare(lookups);
    plan.errors.addAll(plan.accountProblems.errors());
    plan.errors.addAll(plan.serviceProblems.errors());
    return plan;
  }

  /** Every bad row of both files; when not empty, nothing may be written. */
  List<RowError> errors() {
    return errors;
  }

  private static RowReader.Parsed read(
      String file, byte[] content, List<String> fields, Set<String> required) {
    return content == null
        ? new RowReader.Parsed(List.of(), List.of())
        : RowReader.read(file, content, fields, required);
  }

  private void readAccounts(List<Row> rows) {
    Map<Nic, Integer> nicLines = new HashMap<>();
    Map<String, Integer> emailLines = new HashMap<>();
    for (Row row : rows) {
      String nic = row.values().get("nic");
      if (nic != null && Nic.isValid(nic)) {
        namedInFile.add(Nic.parse(nic));
      }
      Fields fields = new Fields(row);
      AccountLine account = AccountLine.read(row, fields);
      if (account == null) {
        accountProblems.addAll(row.line(), fields.problems());
        continue;
      }
      Integer first = nicLines.putIfAbsent(account.nic(), row.line());
      Integer firstEmail = emailLines.putIfAbsent(account.email(), row.line());
      if (first != null) {
        accountProblems.add(
            row.line(), Messages.english("import.duplicate.nic", account.nic(), first));
      } else if (firstEmail != null) {
        accountProblems.add(
            row.line(), Messages.english("import.duplicate.email", account.email(), firstEmail));
      } else {
        accountLines.add(account);
      }
    }
  }

  private void readServices(List<Row> rows) {
    Map<ServiceKey, Integer> keyLines = new HashMap<>();
    for (Row row : rows) {
      Fields fields = new Fields(row);
      ServiceLine service = ServiceLine.read(row, fields);
      if (service == null) {
        serviceProblems.addAll(row.line(), fields.problems());
        continue;
      }
      Integer first = keyLines.putIfAbsent(service.key(), row.line());
      if (first != null) {
        serviceProblems.add(
            row.line(),
            Messages.english(
                "import.duplicate.service", service.type().name(), service.name(), first));
      } else {
        serviceLines.add(service);
      }
    }
  }

  private void compare(Lookups lookups) {
    Set<Nic> wanted = new LinkedHashSet<>();
    accountLines.forEach(a -> wanted.add(a.nic()));
    for (ServiceLine s : serviceLines) {
      for (ContactRole role : ContactRole.values()) {
        if (!namedInFile.contains(s.contacts().holder(role))) {
          wanted.add(s.contacts().holder(role));
        }
      }
    }
    Map<Nic, Account> existing = lookups.accounts(wanted);
    Map<String, Nic> owners =
        lookups.emailOwners(accountLines.stream().map(AccountLine::email).toList());
    Map<ServiceKey, ServiceLine.Existing> services =
        lookups.services(serviceLines.stream().map(ServiceLine::key).toList());
    accountLines.forEach(a -> compareAccount(a, existing.get(a.nic()), owners.get(a.email())));
    serviceLines.forEach(s -> compareService(s, existing, services.get(s.key())));
  }

  private void compareAccount(AccountLine account, Account existing, Nic emailOwner) {
    if (existing != null) {
      List<String> differences = account.differences(existing);
      if (differences.isEmpty()) {
        unchangedAccounts++;
      } else {
        accountProblems.add(
            account.line(),
            Messages.english(
                "import.account.differs", account.nic(), String.join(", ", differences)));
      }
    } else if (emailOwner != null) {
      accountProblems.add(
          account.line(), Messages.english("import.email.taken", account.email(), emailOwner));
    } else {
      newAccounts.add(account);
    }
  }

  private void compareService(
      ServiceLine service, Map<Nic, Account> accounts, ServiceLine.Existing existing) {
    boolean ok = true;
    Set<Nic> reported = new HashSet<>();
    for (ContactRole role : ContactRole.values()) {
      Nic nic = service.contacts().holder(role);
      if (!namedInFile.contains(nic) && !accounts.containsKey(nic) && reported.add(nic)) {
        serviceProblems.add(
            service.line(), Messages.english("import.contact.unknown", role.name(), nic));
        ok = false;
      }
    }
    if (existing != null) {
      List<String> differences = service.differences(existing);
      if (!differences.isEmpty()) {
        serviceProblems.add(
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
      newServices.add(service);
    }
  }
}
