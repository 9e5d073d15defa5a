package org.handover.change;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.handover.account.Nic;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeErrors.AlreadyAnswered;
import org.handover.change.ChangeErrors.ChangeClosed;
import org.handover.change.ChangeErrors.CodeVoid;
import org.handover.change.ChangeErrors.IllegalTransition;
import org.handover.change.ChangeErrors.NotAParty;
import org.handover.change.ChangeErrors.NotTheAsker;
import org.handover.change.ChangeErrors.ResendLimitReached;
import org.handover.change.ChangeErrors.ResendTooSoon;
import org.handover.change.ChangeErrors.WrongCode;
import org.handover.contact.ContactRole;
import org.handover.contact.PlannedChange;
import org.handover.system.ConfirmationCode;

/**
 * A contact change request and its state machine. Every move checks its precondition and throws a
 * named exception otherwise; the moves made are kept as {@link Transition}s for the audit log.
 */
public final class ContactChange {

  /** One state move, with the reason when it ends the request. */
  public record Transition(ChangeState from, ChangeState to, Reason reason) {}

  private long id;
  private final long serviceId;
  private final ServiceType serviceType;
  private final String serviceName;
  private final Set<ContactRole> roles;
  private final Nic from;
  private final Nic to;
  private final Nic asker;
  private final Instant requestedAt;
  private final Instant expiresAt;
  private final List<Party> parties;
  private ChangeState state;
  private Instant doneAt;
  private Instant nextReminderAt;
  private Reason reason;
  private final List<Transition> transitions = new ArrayList<>();

  ContactChange(
      long id,
      long serviceId,
      ServiceType serviceType,
      String serviceName,
      Set<ContactRole> roles,
      Nic from,
      Nic to,
      Nic asker,
      ChangeState state,
      Instant requestedAt,
      Instant doneAt,
      Instant expiresAt,
      Instant nextReminderAt,
      Reason reason,
      List<Party> parties) {
    this.id = id;
    this.serviceId = serviceId;
    this.serviceType = serviceType;
    this.serviceName = serviceName;
    this.roles = Set.copyOf(roles);
    this.from = from;
    this.to = to;
    this.asker = asker;
    this.state = state;
    this.requestedAt = requestedAt;
    this.doneAt = doneAt;
    this.expiresAt = expiresAt;
    this.nextReminderAt = nextReminderAt;
    this.reason = reason;
    this.parties = new ArrayList<>(parties);
  }

  /** A new request in state {@code todo}, one party per required confirmation. */
  static ContactChange requested(
      PlannedChange plan,
      long serviceId,
      ServiceType type,
      String serviceName,
      Instant now,
      Duration expiry,
      List<Party> parties) {
    return new ContactChange(
        0,
        serviceId,
        type,
        serviceName,
        plan.roles(),
        plan.from(),
        plan.to(),
        plan.asker(),
        ChangeState.todo,
        now,
        null,
        now.plus(expiry),
        null,
        null,
        parties);
  }

  // ---- moves ---------------------------------------------------------------------------

  /** {@code todo → validatingByCustomers}, once the parties' emails are queued. */
  void awaitCustomers(Instant firstReminderAt) {
    move(ChangeState.validatingByCustomers, null);
    nextReminderAt = firstReminderAt;
  }

  /**
   * A party accepts with its code. When it is the last party, the request moves to {@code
   * checkValidity}.
   *
   * @return whether every party has now accepted
   * @throws WrongCode after counting the failure on the party (the caller persists it)
   */
  boolean accept(Nic nic, String code, Instant now, int maxFailures) {
    answer(nic, code, now, maxFailures, PartyStatus.accepted);
    boolean all = parties.stream().allMatch(p -> p.status() == PartyStatus.accepted);
    if (all) {
      move(ChangeState.checkValidity, null);
    }
    return all;
  }

  /** A party refuses with its code; the request ends in {@code refused}. */
  void refuse(Nic nic, String code, Instant now, int maxFailures) {
    refuse(nic, code, now, maxFailures, null);
  }

  /** A party refuses with its code, and may say why in a few words everyone involved will read. */
  void refuse(Nic nic, String code, Instant now, int maxFailures, String why) {
    answer(nic, code, now, maxFailures, PartyStatus.refused);
    String said = why == null ? "" : why.strip().replaceAll("\\s+", " ");
    if (said.length() > MAX_REASON) {
      said = said.substring(0, MAX_REASON);
    }
    end(
        ChangeState.refused,
        said.isEmpty()
            ? Reason.of("reason.refusedBy", nic.value())
            : Reason.of("reason.refusedBecause", nic.value(), said),
        now);
  }

  /** The longest refusal reason kept, in characters (the stored reason holds 500). */
  static final int MAX_REASON = 300;

  /** {@code checkValidity → doing}: the re-check passed. */
  void startApplying() {
    move(ChangeState.doing, null);
  }

  /** {@code doing → done}: the service now has the new contact. */
  void markDone(Instant now) {
    end(ChangeState.done, null, now);
  }

  /** {@code checkValidity → refused}: the re-check failed. */
  void failCheck(Reason why, Instant now) {
    if (state != ChangeState.checkValidity) {
      throw new IllegalTransition(id, state, ChangeState.refused);
    }
    end(ChangeState.refused, why, now);
  }

  /** Ends an open request after an unexpected failure. */
  void fail(Reason why, Instant now) {
    end(ChangeState.error, why, now);
  }

  /** Nobody (or not everybody) answered in time. */
  void expire(Instant now) {
    if (!isPastExpiry(now)) {
      throw new IllegalTransition(id, state, ChangeState.expired);
    }
    String waiting = pendingParties().stream().map(Nic::value).collect(Collectors.joining(", "));
    end(ChangeState.expired, Reason.of("reason.expired", waiting), now);
  }

  /** The asker cancels their own request. */
  void cancel(Nic by, Instant now) {
    if (!asker.equals(by)) {
      throw new NotTheAsker(id, asker);
    }
    requireAwaitingAnswers(now);
    end(ChangeState.aborted, Reason.of("reason.cancelledBy", by.value()), now);
  }

  /** An operator aborts the request. */
  void abort(String operatorReason, Instant now) {
    if (!state.canMoveTo(ChangeState.aborted)) {
      throw new ChangeClosed(id, state);
    }
    end(ChangeState.aborted, Reason.of("reason.abortedByOperator", operatorReason), now);
  }

  /**
   * Replaces a pending party's code, within the rate limits: one per {@code interval}, at most
   * {@code dailyLimit} per rolling day.
   */
  void rotateCode(Nic nic, String digest, Instant now, Duration interval, int dailyLimit) {
    requireAwaitingAnswers(now);
    Party party = requireParty(nic);
    if (party.hasAnswered()) {
      throw new AlreadyAnswered(id, party.status());
    }
    Instant nextAllowed = party.codeIssuedAt().plus(interval);
    if (now.isBefore(nextAllowed)) {
      throw new ResendTooSoon(id, Math.max(1, Duration.between(now, nextAllowed).toSeconds()));
    }
    boolean newWindow =
        party.resendWindowAt() == null
            || !now.isBefore(party.resendWindowAt().plus(Duration.ofDays(1)));
    Instant window = newWindow ? now : party.resendWindowAt();
    int used = newWindow ? 0 : party.resendsInWindow();
    if (used >= dailyLimit) {
      throw new ResendLimitReached(id, dailyLimit);
    }
    replace(party.withNewCode(digest, now, window, used + 1));
  }

  /** Moves the reminder schedule past {@code now}. */
  void reminded(Instant next) {
    nextReminderAt = next;
  }

  // ---- queries -------------------------------------------------------------------------

  public boolean isPastExpiry(Instant now) {
    return state == ChangeState.validatingByCustomers && !now.isBefore(expiresAt);
  }

  /** The parties that have not answered yet. */
  public List<Nic> pendingParties() {
    return parties.stream().filter(p -> !p.hasAnswered()).map(Party::nic).toList();
  }

  /** Everyone involved: the parties and the contact being replaced, once each. */
  public List<Nic> involved() {
    List<Nic> all = new ArrayList<>(parties.stream().map(Party::nic).toList());
    if (!all.contains(from)) {
      all.add(from);
    }
    return all;
  }

  public boolean involves(Nic nic) {
    return asker.equals(nic) || from.equals(nic) || to.equals(nic);
  }

  public Optional<Party> party(Nic nic) {
    return parties.stream().filter(p -> p.nic().equals(nic)).findFirst();
  }

  /** The planned change this request carries, for the final re-check. */
  public PlannedChange plan() {
    return new PlannedChange(from, to, roles, asker);
  }

  /** Transitions made since the last call; the caller audits them. */
  List<Transition> drainTransitions() {
    List<Transition> made = List.copyOf(transitions);
    transitions.clear();
    return made;
  }

  // ---- internals -----------------------------------------------------------------------

  private void answer(Nic nic, String code, Instant now, int maxFailures, PartyStatus answer) {
    requireAwaitingAnswers(now);
    Party party = requireParty(nic);
    if (party.hasAnswered()) {
      throw new AlreadyAnswered(id, party.status());
    }
    if (party.codeIsVoid(maxFailures)) {
      throw new CodeVoid(id);
    }
    if (!ConfirmationCode.matches(code, party.codeDigest())) {
      replace(party.withFailure());
      throw new WrongCode(id);
    }
    replace(party.answered(answer, now));
  }

  private void requireAwaitingAnswers(Instant now) {
    if (state != ChangeState.validatingByCustomers) {
      throw new ChangeClosed(id, state);
    }
    if (isPastExpiry(now)) {
      throw new ChangeClosed(id, ChangeState.expired);
    }
  }

  private Party requireParty(Nic nic) {
    return party(nic)
        .orElseThrow(
            () ->
                new NotAParty(
                    id,
                    parties.stream().map(p -> p.nic().value()).collect(Collectors.joining(", "))));
  }

  private void replace(Party updated) {
    parties.replaceAll(p -> p.nic().equals(updated.nic()) ? updated : p);
  }

  private void end(ChangeState finalState, Reason why, Instant now) {
    move(finalState, why);
    reason = why;
    doneAt = now;
    nextReminderAt = null;
  }

  private void move(ChangeState next, Reason why) {
    if (!state.canMoveTo(next)) {
      throw new IllegalTransition(id, state, next);
    }
    transitions.add(new Transition(state, next, why));
    state = next;
  }

  void assignId(long id) {
    this.id = id;
  }

  // ---- accessors -----------------------------------------------------------------------

  public long id() {
    return id;
  }

  public long serviceId() {
    return serviceId;
  }

  public ServiceType serviceType() {
    return serviceType;
  }

  public String serviceName() {
    return serviceName;
  }

  public Set<ContactRole> roles() {
    return roles;
  }

  public Nic from() {
    return from;
  }

  public Nic to() {
    return to;
  }

  public Nic asker() {
    return asker;
  }

  public ChangeState state() {
    return state;
  }

  public Instant requestedAt() {
    return requestedAt;
  }

  public Instant doneAt() {
    return doneAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public Instant nextReminderAt() {
    return nextReminderAt;
  }

  public Reason reason() {
    return reason;
  }

  public List<Party> parties() {
    return List.copyOf(parties);
  }
}
