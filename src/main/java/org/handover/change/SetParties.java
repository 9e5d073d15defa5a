package org.handover.change;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.handover.change.ChangeErrors.AlreadyAnswered;
import org.handover.change.ChangeErrors.CodeReplaced;
import org.handover.change.ChangeErrors.CodeVoid;
import org.handover.change.ChangeErrors.NotAParty;
import org.handover.change.ChangeErrors.ResendLimitReached;
import org.handover.change.ChangeErrors.ResendTooSoon;
import org.handover.change.ChangeErrors.WrongCode;
import org.handover.system.ConfirmationCode;
import org.handover.system.Nic;

/**
 * The parties of one change set and their codes: who answered, who is awaited, the wrong tries and
 * resends counted — and what changed since the set was read, which saving the set writes (an answer
 * consumes its code; a failure or a new code rewrites the party's code bookkeeping).
 */
final class SetParties {

  /** What saving the set must write for its parties since it was read. */
  record Writes(List<Party> answered, List<Party> rewritten) {}

  private final List<Party> parties;
  private final Map<Nic, Party> answered = new LinkedHashMap<>();
  private final Map<Nic, Party> rewritten = new LinkedHashMap<>();

  SetParties(List<Party> parties) {
    this.parties = new ArrayList<>(parties);
  }

  /** One fresh party per code, none of them awaiting a write (a new set inserts them all). */
  static SetParties awaiting(Map<Nic, ConfirmationCode> codes, Instant now) {
    List<Party> parties = new ArrayList<>();
    codes.forEach((nic, code) -> parties.add(Party.awaiting(nic, code.digest(), now)));
    return new SetParties(parties);
  }

  List<Party> all() {
    return List.copyOf(parties);
  }

  Optional<Party> of(Nic nic) {
    return parties.stream().filter(p -> p.nic().equals(nic)).findFirst();
  }

  List<Nic> pending() {
    return parties.stream().filter(p -> !p.hasAnswered()).map(Party::nic).toList();
  }

  boolean allAccepted() {
    return parties.stream().allMatch(p -> p.status() == PartyStatus.accepted);
  }

  /** Whether {@code code} is the code this party already accepted with. */
  boolean acceptedWith(Nic nic, String code) {
    return of(nic)
        .filter(p -> p.status() == PartyStatus.accepted && p.codeDigest() != null)
        .map(p -> ConfirmationCode.matches(code, p.codeDigest()))
        .orElse(false);
  }

  /**
   * A party answers with its code. A wrong code is counted on the party (and recorded) before
   * {@link WrongCode} is thrown; a void code is recorded before {@link CodeVoid}.
   */
  void answer(
      long setId,
      Nic nic,
      String code,
      Instant now,
      int maxFailures,
      PartyStatus answer,
      Consumer<SetEvent> record) {
    Party party = require(setId, nic);
    if (party.hasAnswered()) {
      throw new AlreadyAnswered(setId, party.status());
    }
    if (party.codeIsVoid(maxFailures)) {
      record.accept(new SetEvent.CodeRejected(nic, party.failedAttempts(), true));
      throw new CodeVoid(setId, party.failedAttempts() >= maxFailures);
    }
    if (!ConfirmationCode.matches(code, party.codeDigest())) {
      if (party.wasReplacedCode(code)) {
        throw new CodeReplaced(setId);
      }
      Party failed = party.withFailure();
      rewrite(failed);
      record.accept(new SetEvent.CodeRejected(nic, failed.failedAttempts(), false));
      throw new WrongCode(setId, Math.max(0, maxFailures - failed.failedAttempts()));
    }
    Party done = party.answered(answer, now);
    replace(done);
    answered.put(nic, done);
    record.accept(new SetEvent.Answered(nic, answer));
  }

  /**
   * Replaces a pending party's code, within the rate limits: one per {@code interval}, at most
   * {@code dailyLimit} per rolling day.
   */
  void rotateCode(
      long setId, Nic nic, ConfirmationCode code, Instant now, Duration interval, int dailyLimit) {
    Party party = require(setId, nic);
    if (party.hasAnswered()) {
      throw new AlreadyAnswered(setId, party.status());
    }
    Instant nextAllowed = party.codeIssuedAt().plus(interval);
    if (now.isBefore(nextAllowed)) {
      throw new ResendTooSoon(setId, Math.max(1, Duration.between(now, nextAllowed).toSeconds()));
    }
    boolean newWindow =
        party.resendWindowAt() == null
            || !now.isBefore(party.resendWindowAt().plus(Duration.ofDays(1)));
    Instant window = newWindow ? now : party.resendWindowAt();
    int used = newWindow ? 0 : party.resendsInWindow();
    if (used >= dailyLimit) {
      throw new ResendLimitReached(setId, dailyLimit);
    }
    rewrite(party.withNewCode(code.digest(), now, window, used + 1));
  }

  /** What changed since the set was read (or last saved); forgotten once returned. */
  Writes drainWrites() {
    Writes writes = new Writes(List.copyOf(answered.values()), List.copyOf(rewritten.values()));
    answered.clear();
    rewritten.clear();
    return writes;
  }

  private Party require(long setId, Nic nic) {
    return of(nic)
        .orElseThrow(
            () ->
                new NotAParty(
                    setId,
                    parties.stream().map(p -> p.nic().value()).collect(Collectors.joining(", "))));
  }

  private void rewrite(Party updated) {
    replace(updated);
    rewritten.put(updated.nic(), updated);
  }

  private void replace(Party updated) {
    parties.replaceAll(p -> p.nic().equals(updated.nic()) ? updated : p);
  }
}
