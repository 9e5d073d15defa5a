package org.handover.operator.importer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handover.catalog.ServiceKey;
import org.handover.contact.ContactRole;
import org.handover.system.Messages;
import org.handover.system.Nic;

/**
 * Checks the services file of an import batch by batch: each row on its own, against the rows read
 * before it (a service named twice), its contacts against the accounts file and the database, and
 * the service against the one present with other data.
 */
final class ServiceBatches {

  private final ImportRun.Store store;

  ServiceBatches(ImportRun.Store store) {
    this.store = store;
  }

  /**
   * @param namedByInvalidRows whether invalid rows of the accounts file named customer IDs (they
   *     count as known contacts)
   */
  CheckedBatch<ServiceLine> check(List<Row> rows, boolean namedByInvalidRows) {
    Problems problems = new Problems(ImportRun.SERVICES);
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
    SeenKeys keys =
        new SeenKeys(store, SeenKeys.SERVICE, lines.stream().map(ServiceBatches::key).toList());
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
    return compare(fresh, problems, namedByInvalidRows);
  }

  private static String key(ServiceLine service) {
    return service.type().name() + " " + service.name();
  }

  private CheckedBatch<ServiceLine> compare(
      List<ServiceLine> fresh, Problems problems, boolean namedByInvalidRows) {
    Set<Nic> contacts = new HashSet<>();
    fresh.forEach(s -> contacts.addAll(List.of(s.contacts().admin(), s.contacts().tech())));
    fresh.forEach(s -> contacts.add(s.contacts().billing()));
    Set<Nic> known = knownAccounts(contacts, namedByInvalidRows);
    Map<ServiceKey, ServiceLine.Existing> existing =
        store.services(fresh.stream().map(ServiceLine::key).toList());
    List<ServiceLine> toWrite = new ArrayList<>();
    int unchanged = 0;
    for (ServiceLine service : fresh) {
      boolean ok = contactsKnown(service, known, problems);
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
          unchanged++;
        }
      } else if (ok) {
        toWrite.add(service);
      }
    }
    return new CheckedBatch<>(toWrite, unchanged, problems);
  }

  /** Whether every contact of the service is known; each unknown one is a problem, once. */
  private static boolean contactsKnown(ServiceLine service, Set<Nic> known, Problems problems) {
    boolean ok = true;
    Set<Nic> reported = new HashSet<>();
    for (ContactRole role : ContactRole.values()) {
      Nic nic = service.contacts().holder(role);
      if (!known.contains(nic) && reported.add(nic)) {
        problems.add(service.line(), Messages.english("import.contact.unknown", role.name(), nic));
        ok = false;
      }
    }
    return ok;
  }

  /** The contacts named in the accounts file (valid row or not) or present in the database. */
  private Set<Nic> knownAccounts(Set<Nic> nics, boolean namedByInvalidRows) {
    Set<Nic> known = new HashSet<>();
    store
        .firstLines(
            namedByInvalidRows ? List.of(SeenKeys.NIC, SeenKeys.NAMED) : List.of(SeenKeys.NIC),
            nics.stream().map(Nic::value).toList())
        .keySet()
        .forEach(n -> known.add(new Nic(n)));
    List<Nic> rest = nics.stream().filter(n -> !known.contains(n)).toList();
    known.addAll(store.accounts(rest).keySet());
    return known;
  }
}
