package org.handover.history;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.handover.audit.AuditEntry;
import org.handover.contact.ContactRole;
import org.handover.system.Actor;

/**
 * Which audit actions make a service's history, and how their rows read. Change sets write one row
 * per item ending in {@code task <id> <roles> <from> -> <to>} ({@code change/ChangeEffects}); a
 * support case writes {@code case=<id> role=<role> [from=<nic>] to=<nic> …} ({@code
 * reassign/Reassignments}); owner changes are {@code service.owner} and any {@code owner.*};
 * delegated access rows are {@code access.*} with {@code grantees=<nic>[,<nic>…]} ({@code
 * access/AccessNotices}), read as the accounts the access went "to".
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

  private static final Pattern TASK = Pattern.compile("task (\\d+) ([a-z,]+) (\\S+) -> (\\S+)$");

  /** Delegated access rows ({@code access/AccessNotices}): the grantees concerned. */
  private static final Pattern GRANTEES = Pattern.compile("grantees=(\\S+)");

  private static final Pattern CASE =
      Pattern.compile("^case=(\\d+)(?: role=(\\w+))?(?: from=(\\S+))?(?: to=(\\S+))?");

  private HistoryEvents() {}

  /** The history event an audit row records; rows of unknown shape keep what can be read. */
  static HistoryEntry read(AuditEntry row) {
    String detail = row.detail() == null ? "" : row.detail();
    Set<ContactRole> roles = EnumSet.noneOf(ContactRole.class);
    String from = null;
    String to = null;
    Long caseId = null;
    if (row.action().startsWith("change.")) {
      Matcher m = TASK.matcher(detail);
      if (m.find()) {
        roles = roles(m.group(2));
        from = m.group(3);
        to = m.group(4);
      }
    } else if (row.action().startsWith("access.")) {
      Matcher m = GRANTEES.matcher(detail);
      if (m.find()) {
        to = m.group(1).replace(",", ", ");
      }
    } else if (row.action().startsWith("case.")) {
      Matcher m = CASE.matcher(detail);
      if (m.find()) {
        caseId = Long.valueOf(m.group(1));
        roles = m.group(2) == null ? roles : roles(m.group(2));
        from = m.group(3);
        to = m.group(4);
      }
    }
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
        from,
        to,
        by,
        customer ? row.actor() : null,
        row.action().startsWith("change.") ? row.changeId() : null,
        caseId,
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
