package org.handover.reassignment;

/** Where a reassignment case stands. */
public enum ReassignmentState {
  /** An administrator-role case waits for a second staff member's approval. */
  awaitingApproval,
  /** Current contacts have been told and may veto until the period ends. */
  coolingOff,
  /** The role passed to the new contact. */
  applied,
  /** A current contact objected. */
  vetoed,
  /** Not approved, or not confirmed by the new contact, in time. */
  expired,
  /** The final check found the change no longer allowed. */
  refused;

  public boolean isOpen() {
    return this == awaitingApproval || this == coolingOff;
  }
}
