package org.handover.owner;

import java.time.Instant;
import java.util.List;

/**
 * What happened to an owner change in one step, as the change records it. {@link
 * OwnerChangeEffects} turns each event into its audit row and emails; nothing else does.
 */
sealed interface OwnerEvent {

  /** The change was asked; each registrant's link and code, to be emailed. */
  record Requested(List<Code> codes) implements OwnerEvent {}

  /** One registrant's link (to the public page) and code, plain, for their email only. */
  record Code(Registrant registrant, String link, String code) {}

  /** A registrant accepted. */
  record Confirmed(Registrant registrant) implements OwnerEvent {}

  /** A registrant refused: the change has ended. */
  record Refused(Registrant registrant) implements OwnerEvent {}

  /** Every registrant accepted and the owner record was replaced (with its transfer lock). */
  record Applied(Instant transferLockedUntil) implements OwnerEvent {}

  /** Nobody (or only one registrant) answered by the deadline. */
  record Expired() implements OwnerEvent {}

  /** The administrator cancelled, or an operator aborted with a reason. */
  record Cancelled(String reason) implements OwnerEvent {}
}
