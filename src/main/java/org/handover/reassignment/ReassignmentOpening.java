package org.handover.reassignment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.HostedServices.ServiceNotFound;
import org.handover.catalog.ServiceType;
import org.handover.contact.ChangePolicy;
import org.handover.contact.ContactRole;
import org.handover.reassignment.ReassignmentErrors.CaseConflict;
import org.handover.reassignment.ReassignmentErrors.InvalidCase;
import org.handover.system.Actor;
import org.handover.system.ConfirmationCode;
import org.handover.system.Nic;
import org.handover.system.TextRules;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff open a case on one role of up to {@value Reassignments#MAX_SERVICES} services of one type.
 * Cases on the administrator role wait for a second staff member's approval; the others start their
 * cooling-off at once (contacts told, the new contact's code sent).
 *
 * <p>Errors: {@link InvalidCase} (no role, no evidence or reason, no or too many services), {@code
 * ServiceNotFound}, {@code PolicyViolation} (the rules for an assisted reassignment), {@link
 * CaseConflict} (an open case on the same role of a service).
 */
@Component
class ReassignmentOpening {

  private final ReassignmentRepository repository;
  private final HostedServices services;
  private final CaseServices caseServices;
  private final ChangePolicy policy;
  private final ReassignmentEffects effects;
  private final ReassignmentSettings settings;
  private final Clock clock;

  ReassignmentOpening(
      ReassignmentRepository repository,
      HostedServices services,
      CaseServices caseServices,
      ChangePolicy policy,
      ReassignmentEffects effects,
      ReassignmentSettings settings,
      Clock clock) {
    this.repository = repository;
    this.services = services;
    this.caseServices = caseServices;
    this.policy = policy;
    this.effects = effects;
    this.settings = settings;
    this.clock = clock;
  }

  @Transactional
  public ReassignmentCase open(
      Actor staff,
      ServiceType type,
      List<String> names,
      ContactRole role,
      Nic newContact,
      String evidence,
      String reason) {
    // validate
    if (role == null) {
      throw InvalidCase.choice("console.case.role");
    }
    String ev = required("console.case.evidence", evidence);
    String why = required("console.case.reason", reason);
    if (names == null || names.isEmpty() || names.size() > Reassignments.MAX_SERVICES) {
      throw InvalidCase.services(Reassignments.MAX_SERVICES);
    }
    // load, verify
    Map<Long, HostedService> found = lockAll(type, names);
    List<ReassignmentCase.Item> items = itemsFor(found.values(), role, newContact);
    // mutate, record
    Instant at = clock.instant();
    long id =
        repository.insert(
            role,
            newContact,
            ev,
            why,
            ReassignmentState.awaitingApproval,
            CaseStaff.of(staff),
            at,
            at.plus(settings.expiry()),
            items);
    ReassignmentCase c = repository.find(id).orElseThrow();
    c.opened();
    if (!ReassignmentCase.needsApproval(role)) {
      c.startCoolingOff(at, settings.coolingOff(), ConfirmationCode.generate());
      repository.update(c);
    }
    effects.emit(c, staff, found.values());
    return c;
  }

  private Map<Long, HostedService> lockAll(ServiceType type, List<String> names) {
    Map<Long, HostedService> found = new LinkedHashMap<>();
    for (String name : names) {
      HostedService service =
          services.find(type, name).orElseThrow(() -> new ServiceNotFound(type, name));
      found.put(service.id(), services.lock(service.id()));
    }
    return found;
  }

  private List<ReassignmentCase.Item> itemsFor(
      Iterable<HostedService> found, ContactRole role, Nic newContact) {
    List<ReassignmentCase.Item> items = new ArrayList<>();
    for (HostedService s : found) {
      Nic holder = s.contacts().holder(role);
      policy.checkAssisted(role, holder, newContact, s.name(), s.contacts(), caseServices::facts);
      Optional<Long> other = repository.openCaseOn(s.id(), role);
      if (other.isPresent()) {
        throw new CaseConflict(other.get(), s.name());
      }
      items.add(new ReassignmentCase.Item(s.id(), s.type().name(), s.name(), holder));
    }
    return items;
  }

  private static String required(String labelKey, String value) {
    if (value == null || value.isBlank() || !TextRules.isMultiLine(value.strip(), 2000)) {
      throw InvalidCase.text(labelKey, 2000);
    }
    return value.strip();
  }
}
