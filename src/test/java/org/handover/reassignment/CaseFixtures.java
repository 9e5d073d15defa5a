package org.handover.reassignment;

import java.util.List;
import org.handover.catalog.HostedService;
import org.handover.contact.ContactRole;
import org.handover.system.Actor;
import org.handover.system.Nic;

/** Reassignment cases for tests: one opened by support, in its cooling-off. */
public final class CaseFixtures {

  private CaseFixtures() {}

  /** A case opened by support giving {@code to} the technical role of {@code s}. */
  public static ReassignmentCase techCase(Reassignments cases, HostedService s, Nic to) {
    return cases.open(
        Actor.operator("staff:alice", null),
        s.type(),
        List.of(s.name()),
        ContactRole.tech,
        to,
        "ticket 1",
        "the technical contact left");
  }
}
