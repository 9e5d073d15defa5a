package org.handover.system;

import java.util.Objects;

/**
 * Who performs an action: a customer (with the client address when known), an operator, or the
 * system.
 */
public record Actor(Kind kind, String id, String clientAddress) {

  /** Request attribute where an authentication filter leaves the actor it established. */
  public static final String REQUEST_ATTRIBUTE = Actor.class.getName();

  /** The three kinds of actors the audit log distinguishes. */
  public enum Kind {
    customer,
    operator,
    system
  }

  public Actor {
    Objects.requireNonNull(kind, "kind");
  }

  public static Actor customer(Nic nic, String clientAddress) {
    return new Actor(Kind.customer, nic.value(), clientAddress);
  }

  /** Someone not signed in (sign-up, password reset), known by client address only. */
  public static Actor visitor(String clientAddress) {
    return new Actor(Kind.customer, null, clientAddress);
  }

  public static Actor operator(String name, String clientAddress) {
    return new Actor(Kind.operator, name, clientAddress);
  }

  public static Actor system() {
    return new Actor(Kind.system, null, null);
  }

  /** The customer ID of a customer actor. */
  public Nic nic() {
    if (kind != Kind.customer) {
      throw new IllegalStateException("not a customer: " + this);
    }
    return Nic.parse(id);
  }
}
