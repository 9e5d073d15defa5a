package org.handover.change;

import java.util.Map;
import org.handover.system.ConfirmationCode;
import org.handover.system.Nic;

/**
 * What happened to a change set in one step, as the set records it. {@link ChangeEffects} turns
 * each event into its audit rows, emails and webhook events; nothing else does.
 */
sealed interface SetEvent {

  /** The set was made; each party's code, to be emailed. */
  record Requested(Map<Nic, ConfirmationCode> codes) implements SetEvent {}

  /** A state move, with the reason when it ends the set. */
  record Moved(ChangeState from, ChangeState to, Reason reason) implements SetEvent {}

  /** A party answered. */
  record Answered(Nic nic, PartyStatus answer) implements SetEvent {}

  /** A wrong code was typed; {@code voided} once the party's code no longer works. */
  record CodeRejected(Nic nic, int failedAttempts, boolean voided) implements SetEvent {}

  /** A party asked for a new code. */
  record CodeResent(Nic nic, ConfirmationCode code) implements SetEvent {}

  /** The parties still awaited were reminded. */
  record Reminded() implements SetEvent {}
}
