package org.handover.change;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.handover.change.ChangeErrors.ChangeClosed;
import org.handover.change.ChangeErrors.IllegalTransition;
import org.handover.change.ChangeErrors.NotAllowedToCancel;
import org.handover.contact.ContactRole;
import org.handover.system.ConfirmationCode;
import org.handover.system.Nic;

/**
 * A change set: the contact changes one person asked for at once (one edit of a service, or a bulk
 * handover), and its state machine. Each person who must confirm has one code for the whole set;
 * the set is applied when all have accepted, all items or none. Every move checks its precondition
 * and throws a named exception otherwise; what happened is recorded as {@link SetEvent}s, which
 * {@link ChangeEffects} turns into audit rows, emails and webhook events.
 */
public final class ChangeSet {

  private SetRow row;
  private SetItems items;
  private final SetParties parties;
  private final SetMembers members;
  private final List<SetEvent> events = new ArrayList<>();

  /** A set as read: its row, parties, items (all, or the first ones in a list) and members. */
  ChangeSet(SetRow row, SetParties parties, SetItems items, SetMembers members) {
    this.row = row;
    this.parties = parties;
    this.items = items;
    this.members = members;
  }

  /**
   * A new set in state {@code todo}: one party per person whose confirmation some item needs (each
   * with a fresh code), and as members the asker, the parties and every current contact of the
   * services ({@code contacts}), administrators allowed to cancel.
   */
  static ChangeSet requested(
      Nic asker,
      List<ChangeItem> items,
      Map<Nic, Boolean> contacts,
      Map<Nic, ConfirmationCode> codes,
      Instant now,
      Duration expiry) {
    ChangeSet set =
        new ChangeSet(
            new SetRow(0, asker, ChangeState.todo, now, null, now.plus(expiry), null, null),
            SetParties.awaiting(codes, now),
            new SetItems(items, items.size()),
            SetMembers.of(asker, codes.keySet(), items, contacts));
    set.events.add(new SetEvent.Requested(Map.copyOf(codes)));
    return set;
  }

  /** {@code todo → validatingByCustomers}, once the parties' emails are queued. */
  void awaitCustomers(Instant firstReminderAt) {
    move(ChangeState.validatingByCustomers, null);
    row = row.remindingAt(firstReminderAt);
  }

  /**
   * A party accepts with its code ({@link SetParties#answer} names the refusals); after the last
   * party, the set moves to {@code checkValidity}. Returns whether every party has now accepted.
   */
  boolean accept(Nic nic, String code, Instant now, int maxFailures) {
    answer(nic, code, now, maxFailures, PartyStatus.accepted);
    boolean all = parties.allAccepted();
    if (all) {
      move(ChangeState.checkValidity, null);
    }
    return all;
  }

  /** Whether the party already accepted with this code (a client accepting task by task). */
  boolean alreadyAcceptedWith(Nic nic, String code) {
    return parties.acceptedWith(nic, code);
  }

  /** A party refuses with its code, and may say why in a few words everyone involved will read. */
  void refuse(Nic nic, String code, Instant now, int maxFailures, String why) {
    answer(nic, code, now, maxFailures, PartyStatus.refused);
    end(ChangeState.refused, Reason.refusedBy(nic.value(), why), now);
  }

  /** {@code checkValidity → doing}: the re-check of every item passed. */
  void startApplying() {
    move(ChangeState.doing, null);
  }

  /** {@code doing → done}: the services now have the new contacts. */
  void markDone(Instant now) {
    end(ChangeState.done, null, now);
  }

  /** {@code checkValidity → refused}: the re-check of some item failed. */
  void failCheck(Reason why, Instant now) {
    if (row.state() != ChangeState.checkValidity) {
      throw new IllegalTransition(row.id(), row.state(), ChangeState.refused);
    }
    end(ChangeState.refused, why, now);
  }

  /** Ends an open set after an unexpected failure. */
  void fail(Reason why, Instant now) {
    end(ChangeState.error, why, now);
  }

  /** Nobody (or not everybody) answered in time. */
  void expire(Instant now) {
    if (!isPastExpiry(now)) {
      throw new IllegalTransition(row.id(), row.state(), ChangeState.expired);
    }
    String waiting = pendingParties().stream().map(Nic::value).collect(Collectors.joining(", "));
    end(ChangeState.expired, Reason.of("reason.expired", waiting), now);
  }

  /** The asker, or an administrator of one of its services, cancels the set. */
  void cancel(Nic by, Instant now) {
    if (!mayCancel(by)) {
      throw new NotAllowedToCancel(row.id(), row.asker());
    }
    requireAwaitingAnswers(now);
    end(ChangeState.aborted, Reason.of("reason.cancelledBy", by.value()), now);
  }

  /** An operator aborts the set. */
  void abort(String operatorReason, Instant now) {
    if (!row.state().canMoveTo(ChangeState.aborted)) {
      throw new ChangeClosed(row.id(), row.state());
    }
    end(ChangeState.aborted, Reason.of("reason.abortedByOperator", operatorReason), now);
  }

  /** Replaces a pending party's code, within the rate limits ({@link SetParties#rotateCode}). */
  void rotateCode(Nic nic, ConfirmationCode code, Instant now, Duration interval, int dailyLimit) {
    requireAwaitingAnswers(now);
    parties.rotateCode(row.id(), nic, code, now, interval, dailyLimit);
    events.add(new SetEvent.CodeResent(nic, code));
  }

  /** The parties still awaited were reminded; the schedule moves past {@code now}. */
  void reminded(Instant next) {
    row = row.remindingAt(next);
    events.add(new SetEvent.Reminded());
  }

  public boolean isPastExpiry(Instant now) {
    return row.state() == ChangeState.validatingByCustomers && !now.isBefore(row.expiresAt());
  }

  /** The parties that have not answered yet. */
  public List<Nic> pendingParties() {
    return parties.pending();
  }

  /** Whether this account waits to be asked for its code on this open set. */
  public boolean awaits(Nic nic) {
    return row.state() == ChangeState.validatingByCustomers && pendingParties().contains(nic);
  }

  /** Everyone the set concerns, each once: they see it and hear how it ends. */
  public List<Nic> members() {
    return members.list();
  }

  public boolean involves(Nic nic) {
    return members.involves(nic);
  }

  /** Whether this account may cancel the set: its asker or an administrator of its services. */
  public boolean mayCancel(Nic nic) {
    return members.mayCancel(nic);
  }

  public Optional<Party> party(Nic nic) {
    return parties.of(nic);
  }

  /** The item that is this task, if it is one of the items held. */
  public Optional<ChangeItem> item(long taskId) {
    return items.item(taskId);
  }

  /** The roles this set changes, over all its items, in the order admin, tech, billing. */
  public List<ContactRole> roles() {
    return items.roles();
  }

  /** The distinct services of the items held, in item order. */
  public List<String> serviceNames() {
    return items.serviceNames();
  }

  /** Whether every item is held (lists hold only the first ones of a large set). */
  public boolean complete() {
    return items.complete();
  }

  /** The parties' answers and code changes since the last call: what saving the set writes. */
  SetParties.Writes drainPartyWrites() {
    return parties.drainWrites();
  }

  /** Events recorded since the last call; {@link ChangeEffects} turns them into effects. */
  List<SetEvent> drainEvents() {
    List<SetEvent> made = List.copyOf(events);
    events.clear();
    return made;
  }

  private void answer(Nic nic, String code, Instant now, int maxFailures, PartyStatus answer) {
    requireAwaitingAnswers(now);
    parties.answer(row.id(), nic, code, now, maxFailures, answer, events::add);
  }

  private void requireAwaitingAnswers(Instant now) {
    if (row.state() != ChangeState.validatingByCustomers) {
      throw new ChangeClosed(row.id(), row.state());
    }
    if (isPastExpiry(now)) {
      throw new ChangeClosed(row.id(), ChangeState.expired);
    }
  }

  private void end(ChangeState finalState, Reason why, Instant now) {
    move(finalState, why);
    row = row.ended(why, now);
  }

  private void move(ChangeState next, Reason why) {
    if (!row.state().canMoveTo(next)) {
      throw new IllegalTransition(row.id(), row.state(), next);
    }
    events.add(new SetEvent.Moved(row.state(), next, why));
    row = row.movedTo(next);
  }

  void assignId(long id) {
    row = row.withId(id);
  }

  /** The items as stored, with their task ids. */
  void itemsStored(List<ChangeItem> stored) {
    this.items = new SetItems(stored, items.count());
  }

  public long id() {
    return row.id();
  }

  public Nic asker() {
    return row.asker();
  }

  public ChangeState state() {
    return row.state();
  }

  public Instant requestedAt() {
    return row.requestedAt();
  }

  public Instant doneAt() {
    return row.doneAt();
  }

  public Instant expiresAt() {
    return row.expiresAt();
  }

  public Instant nextReminderAt() {
    return row.nextReminderAt();
  }

  public Reason reason() {
    return row.reason();
  }

  public List<Party> parties() {
    return parties.all();
  }

  /** The items held: all of them, or the first ones in a list (see {@link #complete()}). */
  public List<ChangeItem> items() {
    return items.held();
  }

  /** How many items the set has in all. */
  public int itemCount() {
    return items.count();
  }
}
