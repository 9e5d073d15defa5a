package org.handover.reassignment;

import java.time.Clock;
import java.util.List;
import org.handover.catalog.HostedService;
import org.handover.reassignment.ReassignmentErrors.CaseNotFound;
import org.handover.reassignment.ReassignmentErrors.WrongCaseCode;
import org.handover.system.Actor;
import org.handover.system.ConfirmationCode;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The people's steps on an open case, each under the case's row lock: a supervisor who did not open
 * it approves it, a current contact of one of its services vetoes it, the new contact confirms it
 * with their code.
 *
 * <p>Errors: {@link CaseNotFound} (no such case, or one the customer may not act on), {@code
 * CaseNotInStep}, {@code OwnApproval} (the opener approving), {@link WrongCaseCode} (a wrong or
 * void code, counted and committed before the refusal).
 */
@Component
class ReassignmentDecisions {

  private final ReassignmentRepository repository;
  private final CaseServices caseServices;
  private final ReassignmentEffects effects;
  private final ReassignmentSettings settings;
  private final Clock clock;
  private final TransactionTemplate tx;

  ReassignmentDecisions(
      ReassignmentRepository repository,
      CaseServices caseServices,
      ReassignmentEffects effects,
      ReassignmentSettings settings,
      Clock clock,
      TransactionTemplate tx) {
    this.repository = repository;
    this.caseServices = caseServices;
    this.effects = effects;
    this.settings = settings;
    this.clock = clock;
    this.tx = tx;
  }

  /** A supervisor who did not open the case approves it; the cooling-off starts. */
  @Transactional
  public ReassignmentCase approve(Actor staff, long id) {
    ReassignmentCase c = repository.lock(id).orElseThrow(() -> new CaseNotFound(id));
    c.approve(
        CaseStaff.of(staff), clock.instant(), settings.coolingOff(), ConfirmationCode.generate());
    repository.update(c);
    effects.emit(c, staff, caseServices.current(c));
    return c;
  }

  /** A current contact of one of the case's services objects: the case ends, nothing changes. */
  @Transactional
  public ReassignmentCase veto(Actor customer, long id) {
    ReassignmentCase c = repository.lock(id).orElseThrow(() -> new CaseNotFound(id));
    List<HostedService> current = caseServices.current(c);
    if (!CaseServices.isCurrentContact(customer.nic(), current)) {
      throw new CaseNotFound(id);
    }
    c.veto(customer.nic(), clock.instant());
    repository.update(c);
    effects.emit(c, customer, current);
    return c;
  }

  /**
   * The new contact confirms with their code. A wrong code is counted (and committed) before the
   * refusal; after too many the code is void.
   */
  public ReassignmentCase confirm(Actor customer, long id, String code) {
    ReassignmentCase c =
        tx.execute(
            s -> {
              ReassignmentCase locked = repository.lock(id).orElseThrow(() -> new CaseNotFound(id));
              if (!locked.newContact().equals(customer.nic())) {
                throw new CaseNotFound(id);
              }
              locked.confirm(code == null ? "" : code, clock.instant(), settings.maxCodeFailures());
              repository.update(locked);
              effects.emit(locked, customer, List.of());
              return locked;
            });
    if (c.confirmedAt() == null) {
      throw new WrongCaseCode(c.codeFailures(), settings.maxCodeFailures());
    }
    return c;
  }
}
