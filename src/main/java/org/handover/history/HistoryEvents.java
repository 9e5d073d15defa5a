package org.handover.history;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.handover.audit.AuditEntry;
import org.handover.audit.AuditSubject;
import org.handover.contact.ContactRole;
import org.handover.system.Actor;

/**
 * Which audit actions make a service's history, and how their rows read: from the rows' typed
 * subject ({@link AuditSubject}), never their detail text. Change sets write one row per item with
 * its roles, from and to ({@code change/ChangeEffects}); a reassignment case one per service with
 * its case id ({@code reassignment/ReassignmentEffects}); owner changes are {@code service.owner}
 * and any {@code owner.*}; delegated access rows are {@code access.*} whose grantees are the
 * accounts the access went "to" ({@code access/AccessNotices}).
 */
final class HistoryEvents {

  /** Actions read by their exact name. */
  static final List<String> ACTIONS =
      List.of(
          "service.created",
          "service.owner",
          "change.requested",
          "change.done",
          "change.refused",
          "change.expired",
          "change.aborted",
          "change.error",
          "case.opened",
          "case.applied",
          "case.refused",
          "case.vetoed",
          "case.expired");

  /** Actions read by their prefix (registrant changes and corrections; delegated access). */
  static final List<String> PREFIXES = List.of("owner.", "access.");

  /** Actions with a label of their own; other {@code owner.*} actions get the generic one. */
  static final Set<String> LABELLED =
      Set.copyOf(
          Stream.concat(
                  ACTIONS.stream(),
                  Stream.of(
                      "owner.corrected",
                      "owner.change.requested",
                      "owner.change.confirmed",
                      "owner.change.applied",
                      "owner.change.refused",
                      "owner.change.expired",
                      "owner.change.cancelled",
                      "access.granted",
                      "access.changed",
                      "access.revoked",
                      "access.expired",
                      "access.renounced",
                      "access.suspended",
                      "access.adminChanged"))
              .toList());

  private HistoryEvents() {}

  /** The history event an audit row records, from its typed subject columns. */
  static HistoryEntry read(AuditEntry row) {
    AuditSubject subject = row.subject();
    Set<ContactRole> roles =
        subject.roles() == null ? EnumSet.noneOf(ContactRole.class) : roles(subject.roles());
    String to = subject.toAccount() == null ? null : subject.toAccount().replace(",", ", ");
    // the job that applies a case acts for support: the customer is told support changed the role
    HistoryEntry.By by =
        row.action().equals("case.applied")
            ? HistoryEntry.By.support
            : switch (row.actorKind()) {
              case customer -> HistoryEntry.By.customer;
              case operator -> HistoryEntry.By.support;
              case system -> HistoryEntry.By.system;
            };
    boolean customer = row.actorKind() == Actor.Kind.customer;
    return new HistoryEntry(
        row.id(),
        row.at(),
        row.action(),
        roles,
        subject.fromAccount(),
        to,
        by,
        customer ? row.actor() : null,
        row.action().startsWith("change.") ? row.changeId() : null,
        subject.reassignmentId(),
        customer ? null : row.actorLabel(),
        row.detail());
  }

  private static Set<ContactRole> roles(String encoded) {
    try {
      return ContactRole.decode(encoded);
    } catch (IllegalArgumentException unknown) {
      return EnumSet.noneOf(ContactRole.class);
    }
  }
}
