package org.handover.system;

import java.util.Objects;

/**
 * Who performs an action: a customer (with the client address when known), an operator, or the
 * system. {@code id} is the stable identity every rule compares; {@code name}, when given, is what
 * the person goes by now (a staff member's user name), for people to read beside it.
 */
public record Actor(Kind kind, String id, String clientAddress, String name) {

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

  public Actor(Kind kind, String id, String clientAddress) {
    this(kind, id, clientAddress, null);
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

  /** A person of the provider's staff: their stable identity, and the name they go by now. */
  public static Actor staff(String id, String name, String clientAddress) {
    return new Actor(Kind.operator, id, clientAddress, name);
  }

  /** Whether this actor is the same person as the other: the same kind and stable identity. */
  public boolean samePersonAs(Actor other) {
    return other != null && kind == other.kind && Objects.equals(id, other.id);
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
