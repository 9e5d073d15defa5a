package org.handover.change;

/** A party's answer to a request. */
public enum PartyStatus {
  pending,
  accepted,
  refused
}
