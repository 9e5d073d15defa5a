package org.handover.reassignment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.handover.contact.ContactRole;
import org.handover.reassignment.ReassignmentErrors.CaseNotInStep;
import org.handover.reassignment.ReassignmentErrors.OwnApproval;
import org.handover.system.ConfirmationCode;
import org.handover.system.Nic;

/**
 * An assisted reassignment of one role on one or more services to a new contact. The state machine:
 * an administrator-role case waits for a second staff member's approval; then (or at once for other
 * roles) the cooling-off runs, during which any current contact may veto; once it is over and the
 * new contact has confirmed, the case is applied (or refused by the final check). A case not
 * applied by its expiry expires.
 */
public final class ReassignmentCase {

  private static final String VETOED_BY = "vetoed by ";

  /** One service of a case and who held the role when the case was opened. */
  public record Item(long serviceId, String serviceType, String serviceName, Nic fromContact) {}

  private final long id;
  private final ContactRole role;
  private final Nic newContact;
  private final String evidence;
  private final String reason;
  private final CaseStaff openedBy;
  private final Instant openedAt;
  private final Instant expiresAt;
  private final List<Item> items;
  private final List<ReassignmentEvent> events = new ArrayList<>();
  private ReassignmentState state;
  private CaseStaff approvedBy;
  private Instant coolingOffEndsAt;
  private String codeDigest;
  private int codeFailures;
  private Instant confirmedAt;
  private Instant endedAt;
  private String endReason;

  ReassignmentCase(
      long id,
      ContactRole role,
      Nic newContact,
      String evidence,
      String reason,
      ReassignmentState state,
      CaseStaff openedBy,
      CaseStaff approvedBy,
      Instant openedAt,
      Instant coolingOffEndsAt,
      Instant expiresAt,
      String codeDigest,
      int codeFailures,
      Instant confirmedAt,
      Instant endedAt,
      String endReason,
      List<Item> items) {
    this.id = id;
    this.role = role;
    this.newContact = newContact;
    this.evidence = evidence;
    this.reason = reason;
    this.state = state;
    this.openedBy = openedBy;
    this.approvedBy = approvedBy;
    this.openedAt = openedAt;
    this.coolingOffEndsAt = coolingOffEndsAt;
    this.expiresAt = expiresAt;
    this.codeDigest = codeDigest;
    this.codeFailures = codeFailures;
    this.confirmedAt = confirmedAt;
    this.endedAt = endedAt;
    this.endReason = endReason;
    this.items = List.copyOf(items);
  }

  /** Whether this case must be approved by a second staff member before the cooling-off. */
  public static boolean needsApproval(ContactRole role) {
    return role == ContactRole.admin;
  }

  /** The case was just opened. */
  void opened() {
    events.add(new ReassignmentEvent.Opened());
  }

  /** What happened since the last call, oldest first; the list is emptied. */
  List<ReassignmentEvent> drainEvents() {
    List<ReassignmentEvent> drained = List.copyOf(events);
    events.clear();
    return drained;
  }

  /**
   * A supervisor other than the opener approves; the cooling-off starts. The same person is
   * recognised by their identity, whatever name they go by now.
   */
  void approve(CaseStaff supervisor, Instant now, Duration coolingOff, ConfirmationCode code) {
    step(ReassignmentState.awaitingApproval);
    if (supervisor.samePersonAs(openedBy)) {
      throw new OwnApproval(id);
    }
    approvedBy = supervisor;
    events.add(new ReassignmentEvent.Approved());
    startCoolingOff(now, coolingOff, code);
  }

  /** Current contacts are told; the new contact's code is issued. */
  void startCoolingOff(Instant now, Duration coolingOff, ConfirmationCode code) {
    if (state != ReassignmentState.awaitingApproval && state != ReassignmentState.coolingOff) {
      throw new CaseNotInStep(id, state);
    }
    state = ReassignmentState.coolingOff;
    coolingOffEndsAt = now.plus(coolingOff);
    codeDigest = code.digest();
    codeFailures = 0;
    events.add(new ReassignmentEvent.CoolingOffStarted(code));
  }

  /** A current contact objects: the case ends, nothing changes. */
  void veto(Nic by, Instant now) {
    if (!state.isOpen()) {
      throw new CaseNotInStep(id, state);
    }
    end(ReassignmentState.vetoed, VETOED_BY + by.value(), now);
    events.add(new ReassignmentEvent.Vetoed());
  }

  /**
   * The new contact presents their code; returns whether it matched (a miss is counted, and after
   * {@code maxFailures} misses the code is void).
   */
  boolean confirm(String code, Instant now, int maxFailures) {
    step(ReassignmentState.coolingOff);
    if (confirmedAt != null) {
      events.add(new ReassignmentEvent.Confirmed());
      return true;
    }
    if (codeDigest == null
        || codeFailures >= maxFailures
        || !ConfirmationCode.matches(code, codeDigest)) {
      codeFailures++;
      return false;
    }
    confirmedAt = now;
    codeDigest = null;
    events.add(new ReassignmentEvent.Confirmed());
    return true;
  }

  /** Whether the cooling-off is over with the new contact's confirmation: time to apply. */
  boolean isDue(Instant now) {
    return state == ReassignmentState.coolingOff
        && confirmedAt != null
        && coolingOffEndsAt != null
        && !coolingOffEndsAt.isAfter(now);
  }

  boolean isPastExpiry(Instant now) {
    return state.isOpen() && !expiresAt.isAfter(now);
  }

  void applied(Instant now) {
    step(ReassignmentState.coolingOff);
    end(ReassignmentState.applied, null, now);
    events.add(new ReassignmentEvent.Applied());
  }

  void refuse(String why, Instant now) {
    step(ReassignmentState.coolingOff);
    end(ReassignmentState.refused, why, now);
    events.add(new ReassignmentEvent.Refused());
  }

  void expire(Instant now) {
    if (!state.isOpen()) {
      throw new CaseNotInStep(id, state);
    }
    end(
        ReassignmentState.expired,
        confirmedAt == null ? "not confirmed in time" : "not approved",
        now);
    events.add(new ReassignmentEvent.Expired());
  }

  private void step(ReassignmentState expected) {
    if (state != expected) {
      throw new CaseNotInStep(id, state);
    }
  }

  private void end(ReassignmentState to, String why, Instant now) {
    state = to;
    endedAt = now;
    endReason = why;
    codeDigest = null;
  }

  /** Whether the account held the role on one of the services when the case was opened. */
  public boolean replaces(Nic nic) {
    return items.stream().anyMatch(i -> i.fromContact().equals(nic));
  }

  public long id() {
    return id;
  }

  public ContactRole role() {
    return role;
  }

  public Nic newContact() {
    return newContact;
  }

  public String evidence() {
    return evidence;
  }

  public String reason() {
    return reason;
  }

  public ReassignmentState state() {
    return state;
  }

  public CaseStaff openedBy() {
    return openedBy;
  }

  public CaseStaff approvedBy() {
    return approvedBy;
  }

  public Instant openedAt() {
    return openedAt;
  }

  public Instant coolingOffEndsAt() {
    return coolingOffEndsAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  String codeDigest() {
    return codeDigest;
  }

  int codeFailures() {
    return codeFailures;
  }

  public Instant confirmedAt() {
    return confirmedAt;
  }

  public Instant endedAt() {
    return endedAt;
  }

  public String endReason() {
    return endReason;
  }

  /**
   * Why the case ended in the bundles' words: {@code case.end.*}, its one argument {@link
   * #endReasonArgument} (who vetoed); null while the case is open or when it was applied.
   */
  public String endReasonKey() {
    return switch (state) {
      case vetoed -> "case.end.vetoed";
      case expired ->
          needsApproval(role) && approvedBy == null
              ? "case.end.notApproved"
              : "case.end.notConfirmed";
      case refused -> "case.end.refused";
      default -> null;
    };
  }

  /** The customer ID that vetoed the case, or an empty text. */
  public String endReasonArgument() {
    boolean vetoed = endReason != null && endReason.startsWith(VETOED_BY);
    return vetoed ? endReason.substring(VETOED_BY.length()) : "";
  }

  public List<Item> items() {
    return items;
  }
}
