package org.handover.contact;

/** Which roles the payment-standing rule applies to ({@code handover.change.standing-check}). */
public enum StandingCheck {
  billing,
  all
}
