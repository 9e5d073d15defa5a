package org.handover.reassignment;

import java.util.List;
import org.handover.catalog.ServiceType;
import org.handover.contact.ContactRole;
import org.handover.reassignment.ReassignmentErrors.CaseNotFound;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.springframework.stereotype.Service;

/**
 * The one door to assisted reassignment: staff open cases ({@link ReassignmentOpening}) and approve
 * them, current contacts veto them, the new contact confirms ({@link ReassignmentDecisions}), and
 * {@link ReassignmentJob} applies or expires them. Each step locks the case row and runs in one
 * transaction; {@link ReassignmentEffects} writes its audit rows and emails.
 */
@Service
public class Reassignments {

  /** At most this many services in one case. */
  public static final int MAX_SERVICES = 100;

  private final ReassignmentRepository repository;
  private final CaseServices caseServices;
  private final ReassignmentOpening opening;
  private final ReassignmentDecisions decisions;
  private final ReassignmentJob job;

  Reassignments(
      ReassignmentRepository repository,
      CaseServices caseServices,
      ReassignmentOpening opening,
      ReassignmentDecisions decisions,
      ReassignmentJob job) {
    this.repository = repository;
    this.caseServices = caseServices;
    this.opening = opening;
    this.decisions = decisions;
    this.job = job;
  }

  /** See {@link ReassignmentOpening}. */
  public ReassignmentCase open(
      Actor staff,
      ServiceType type,
      List<String> names,
      ContactRole role,
      Nic newContact,
      String evidence,
      String reason) {
    return opening.open(staff, type, names, role, newContact, evidence, reason);
  }

  /** A supervisor who did not open the case approves it; the cooling-off starts. */
  public ReassignmentCase approve(Actor staff, long id) {
    return decisions.approve(staff, id);
  }

  /** A current contact of one of the case's services objects: the case ends, nothing changes. */
  public ReassignmentCase veto(Actor customer, long id) {
    return decisions.veto(customer, id);
  }

  /** The new contact confirms with their code (a wrong one is counted before the refusal). */
  public ReassignmentCase confirm(Actor customer, long id, String code) {
    return decisions.confirm(customer, id, code);
  }

  /** A case the customer may see: the new contact, or a current or replaced contact. */
  public ReassignmentCase visibleTo(Nic nic, long id) {
    ReassignmentCase c = repository.find(id).orElseThrow(() -> new CaseNotFound(id));
    if (c.newContact().equals(nic)
        || c.replaces(nic)
        || CaseServices.isCurrentContact(nic, caseServices.current(c))) {
      return c;
    }
    throw new CaseNotFound(id);
  }

  /** Whether the customer may veto this case now. */
  public boolean mayVeto(Nic nic, ReassignmentCase c) {
    return c.state().isOpen() && CaseServices.isCurrentContact(nic, caseServices.current(c));
  }

  /** Any case, for staff. */
  public ReassignmentCase get(long id) {
    return repository.find(id).orElseThrow(() -> new CaseNotFound(id));
  }

  /** One page of cases for staff, newest first, and whether older ones follow. */
  public record CasePage(List<ReassignmentCase> cases, int page, boolean more) {}

  /** Page {@code page} (from 0) of {@code size} cases (1 to 100) for staff, newest first. */
  public CasePage list(boolean openOnly, int page, int size) {
    int rows = Math.max(1, Math.min(size, 100));
    int at = Math.max(0, Math.min(page, 1_000_000));
    List<ReassignmentCase> found = repository.list(openOnly, (long) at * rows, rows + 1);
    return new CasePage(found.subList(0, Math.min(rows, found.size())), at, found.size() > rows);
  }

  /** Expires overdue cases and applies those whose cooling-off is over; returns how many. */
  public int runDueWork() {
    return job.runDueWork();
  }
}
