package org.handover.reassignment;

import org.handover.system.ConfirmationCode;

/**
 * What happened to a reassignment case in one step, as the case records it. {@link
 * ReassignmentEffects} turns each event into its audit rows (one per service of the case) and
 * emails; nothing else does.
 */
sealed interface ReassignmentEvent {

  /** Staff opened the case. */
  record Opened() implements ReassignmentEvent {}

  /** A second staff member approved it. */
  record Approved() implements ReassignmentEvent {}

  /** The cooling-off started: contacts are told, the new contact gets this code. */
  record CoolingOffStarted(ConfirmationCode code) implements ReassignmentEvent {}

  /** A current contact vetoed it: the case has ended. */
  record Vetoed() implements ReassignmentEvent {}

  /** The new contact confirmed with their code. */
  record Confirmed() implements ReassignmentEvent {}

  /** The final check refused it: the case has ended. */
  record Refused() implements ReassignmentEvent {}

  /** The role moved on every service of the case. */
  record Applied() implements ReassignmentEvent {}

  /** It was not applied in time. */
  record Expired() implements ReassignmentEvent {}
}
