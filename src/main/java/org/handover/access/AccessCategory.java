package org.handover.access;

/**
 * What kind of thing an action does: read a service, operate it (its technical settings), manage it
 * (what only its holder decides: transfer codes, locks, termination) or pay for it. Roles imply
 * categories ({@link AccessSettings#roles()}); policies name actions.
 */
public enum AccessCategory {
  READ,
  OPERATE,
  MANAGE,
  BILLING
}
