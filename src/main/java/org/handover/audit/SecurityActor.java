package org.handover.audit;

import org.handover.system.Actor;

/**
 * Who did what a security log line records, as a code stored in its own column: the customer
 * themself, a member of the provider's support staff (console), the provider's own systems
 * (operator API), the provider's sign-in service (its identity provider), or Handover on its own.
 */
public enum SecurityActor {
  customer,
  staff,
  operator,
  provider,
  system;

  /** The kind of an acting {@link Actor}: staff members act in the console as named operators. */
  public static SecurityActor of(Actor actor) {
    return switch (actor.kind()) {
      case customer -> customer;
      case system -> system;
      case operator -> actor.name() != null ? staff : operator;
    };
  }

  /** A stored code, or null for a line written before the column existed and not known. */
  static SecurityActor parse(String code) {
    for (SecurityActor a : values()) {
      if (a.name().equals(code)) {
        return a;
      }
    }
    return null;
  }
}
