package org.handover.owner;

/** Where an owner change stands: open until both registrants confirm, then one of four ends. */
public enum OwnerChangeState {
  open,
  applied,
  refused,
  expired,
  cancelled;

  public boolean isOpen() {
    return this == open;
  }
}
