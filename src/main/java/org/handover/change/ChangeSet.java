package org.handover.change;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.handover.change.ChangeErrors.AlreadyAnswered;
import org.handover.change.ChangeErrors.ChangeClosed;
import org.handover.change.ChangeErrors.CodeReplaced;
import org.handover.change.ChangeErrors.CodeVoid;
import org.handover.change.ChangeErrors.IllegalTransition;
import org.handover.change.ChangeErrors.NotAParty;
import org.handover.change.ChangeErrors.NotAllowedToCancel;
import org.handover.change.ChangeErrors.ResendLimitReached;
import org.handover.change.ChangeErrors.ResendTooSoon;
import org.handover.change.ChangeErrors.WrongCode;
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

  /** The longest refusal reason kept, in characters (the stored reason holds 500). */
  static final int MAX_REASON = 300;

  private long id;
  private final Nic asker;
  private final Instant requestedAt;
  private final Instant expiresAt;
  private final List<Party> parties;
  private List<ChangeItem> items;
  private final int itemCount;
  private final Map<Nic, Boolean> members;
  private ChangeState state;
  private Instant doneAt;
  private Instant nextReminderAt;
  private Reason reason;
  private final List<SetEvent> events = new ArrayList<>();

  /**
   * @param items the items, or only the first ones when {@code itemCount} is larger (lists)
   * @param members everyone the set concerns, with whether they may cancel it
   */
  ChangeSet(
      long id,
      Nic asker,
      ChangeState state,
      Instant requestedAt,
      Instant doneAt,
      Instant expiresAt,
      Instant nextReminderAt,
      Reason reason,
      List<Party> parties,
      List<ChangeItem> items,
      int itemCount,
      Map<Nic, Boolean> members) {
    this.id = id;
    this.asker = asker;
    this.state = state;
    this.requestedAt = requestedAt;
    this.doneAt = doneAt;
    this.expiresAt = expiresAt;
    this.nextReminderAt = nextReminderAt;
    this.reason = reason;
    this.parties = new ArrayList<>(parties);
    this.items = List.copyOf(items);
    this.itemCount = itemCount;
    this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
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
    List<Party> parties = new ArrayList<>();
    codes.forEach((nic, code) -> parties.add(Party.awaiting(nic, code.digest(), now)));
    Map<Nic, Boolean> members = new LinkedHashMap<>();
    members.put(asker, true);
    codes.keySet().forEach(nic -> members.putIfAbsent(nic, false));
    for (ChangeItem item : items) {
      members.putIfAbsent(item.from(), false);
      members.putIfAbsent(item.to(), false);
    }
    contacts.forEach((nic, admin) -> members.merge(nic, admin, Boolean::logicalOr));
    ChangeSet set =
        new ChangeSet(
            0,
            asker,
            ChangeState.todo,
            now,
            null,
            now.plus(expiry),
            null,
            null,
            parties,
            items,
            items.size(),
            members);
    set.events.add(new SetEvent.Requested(Map.copyOf(codes)));
    return set;
  }

  /** The people whose confirmation these items need, in a stable order: the asker first. */
  static Set<Nic> partiesOf(Nic asker, List<ChangeItem> items) {
    Set<Nic> parties = new LinkedHashSet<>();
    for (ChangeItem item : items) {
      parties.addAll(item.plan(asker).parties());
    }
    return parties;
  }

  // ---- moves ---------------------------------------------------------------------------

  /** {@code todo → validatingByCustomers}, once the parties' emails are queued. */
  void awaitCustomers(Instant firstReminderAt) {
    move(ChangeState.validatingByCustomers, null);
    nextReminderAt = firstReminderAt;
  }

  /**
   * A party accepts with its code. When it is the last party, the set moves to {@code
   * checkValidity}.
   *
   * @return whether every party has now accepted
   * @throws WrongCode after counting the failure on the party (the caller persists it)
   * @throws CodeReplaced when the code is the one the party's last resend replaced (not counted)
   */
  boolean accept(Nic nic, String code, Instant now, int maxFailures) {
    answer(nic, code, now, maxFailures, PartyStatus.accepted);
    boolean all = parties.stream().allMatch(p -> p.status() == PartyStatus.accepted);
    if (all) {
      move(ChangeState.checkValidity, null);
    }
    return all;
  }

  /**
   * Whether {@code code} is the code this party already accepted the set with: a client that
   * accepts each task of the set in turn sends it once per task, and each repeat is a no-op.
   */
  boolean alreadyAcceptedWith(Nic nic, String code) {
    return party(nic)
        .filter(p -> p.status() == PartyStatus.accepted && p.codeDigest() != null)
        .map(p -> ConfirmationCode.matches(code, p.codeDigest()))
        .orElse(false);
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
    if (state != ChangeState.checkValidity) {
      throw new IllegalTransition(id, state, ChangeState.refused);
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
      throw new IllegalTransition(id, state, ChangeState.expired);
    }
    String waiting = pendingParties().stream().map(Nic::value).collect(Collectors.joining(", "));
    end(ChangeState.expired, Reason.of("reason.expired", waiting), now);
  }

  /** The asker, or an administrator of one of its services, cancels the set. */
  void cancel(Nic by, Instant now) {
    if (!mayCancel(by)) {
      throw new NotAllowedToCancel(id, asker);
    }
    requireAwaitingAnswers(now);
    end(ChangeState.aborted, Reason.of("reason.cancelledBy", by.value()), now);
  }

  /** An operator aborts the set. */
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
  void rotateCode(Nic nic, ConfirmationCode code, Instant now, Duration interval, int dailyLimit) {
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
    replace(party.withNewCode(code.digest(), now, window, used + 1));
    events.add(new SetEvent.CodeResent(nic, code));
  }

  /** The parties still awaited were reminded; the schedule moves past {@code now}. */
  void reminded(Instant next) {
    nextReminderAt = next;
    events.add(new SetEvent.Reminded());
  }

  // ---- queries -------------------------------------------------------------------------

  public boolean isPastExpiry(Instant now) {
    return state == ChangeState.validatingByCustomers && !now.isBefore(expiresAt);
  }

  /** The parties that have not answered yet. */
  public List<Nic> pendingParties() {
    return parties.stream().filter(p -> !p.hasAnswered()).map(Party::nic).toList();
  }

  /** Whether this account waits to be asked for its code on this open set. */
  public boolean awaits(Nic nic) {
    return state == ChangeState.validatingByCustomers && pendingParties().contains(nic);
  }

  /** Everyone the set concerns, each once: they see it and hear how it ends. */
  public List<Nic> members() {
    return List.copyOf(members.keySet());
  }

  public boolean involves(Nic nic) {
    return members.containsKey(nic);
  }

  /** Whether this account may cancel the set: its asker or an administrator of its services. */
  public boolean mayCancel(Nic nic) {
    return Boolean.TRUE.equals(members.get(nic));
  }

  public Optional<Party> party(Nic nic) {
    return parties.stream().filter(p -> p.nic().equals(nic)).findFirst();
  }

  /** The item that is this task, if it is one of the items held. */
  public Optional<ChangeItem> item(long taskId) {
    return items.stream().filter(i -> i.taskId() == taskId).findFirst();
  }

  /** The roles this set changes, over all its items, in the order admin, tech, billing. */
  public List<ContactRole> roles() {
    Set<ContactRole> all = EnumSet.noneOf(ContactRole.class);
    items.forEach(i -> all.addAll(i.roles()));
    return List.copyOf(all);
  }

  /** The distinct services of the items held, in item order. */
  public List<String> serviceNames() {
    return items.stream().map(ChangeItem::serviceName).distinct().toList();
  }

  /** Whether every item is held (lists hold only the first ones of a large set). */
  public boolean complete() {
    return items.size() == itemCount;
  }

  /** Events recorded since the last call; {@link ChangeEffects} turns them into effects. */
  List<SetEvent> drainEvents() {
    List<SetEvent> made = List.copyOf(events);
    events.clear();
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
      events.add(new SetEvent.CodeRejected(nic, party.failedAttempts(), true));
      throw new CodeVoid(id);
    }
    if (!ConfirmationCode.matches(code, party.codeDigest())) {
      if (party.wasReplacedCode(code)) {
        throw new CodeReplaced(id);
      }
      Party failed = party.withFailure();
      replace(failed);
      events.add(new SetEvent.CodeRejected(nic, failed.failedAttempts(), false));
      throw new WrongCode(id);
    }
    replace(party.answered(answer, now));
    events.add(new SetEvent.Answered(nic, answer));
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
    events.add(new SetEvent.Moved(state, next, why));
    state = next;
  }

  void assignId(long id) {
    this.id = id;
  }

  /** The items as stored, with their task ids. */
  void itemsStored(List<ChangeItem> stored) {
    this.items = List.copyOf(stored);
  }

  // ---- accessors -----------------------------------------------------------------------

  public long id() {
    return id;
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

  /** The items held: all of them, or the first ones in a list (see {@link #complete()}). */
  public List<ChangeItem> items() {
    return items;
  }

  /** How many items the set has in all. */
  public int itemCount() {
    return itemCount;
  }
}
