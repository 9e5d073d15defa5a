package org.handover.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.handover.system.Actor;
import org.handover.system.InsertPart;
import org.handover.system.TextRules;
import org.springframework.stereotype.Component;

/**
 * The append-only audit trail: rows are inserted, never updated or deleted; control characters in
 * what they record are escaped ({@link TextRules#oneLine}), so no input can forge a line.
 */
@Component
public class AuditLog {

  private static final int SHORT = 64;
  // a staff identity (issuer URL and sub) fills up to 600 characters
  private static final int ACTOR_ID = 600;
  private static final int ACTOR_NAME = 100;
  private static final int DETAIL = 1000;

  private final AuditRepository repository;
  private final Clock clock;

  AuditLog(AuditRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** Appends one row in the caller's transaction. {@code detail} must never hold a code. */
  public void record(Actor actor, String action, AuditSubject subject, String detail) {
    repository.insert(clock.instant(), fitted(new Entry(actor, action, subject, detail)));
  }

  /**
   * Appends one row about a service and a change set (either may be null), with no other subject.
   * {@code detail} must never hold a code.
   */
  public void record(Actor actor, String action, Long serviceId, Long changeSetId, String detail) {
    record(actor, action, AuditSubject.of(serviceId, changeSetId), detail);
  }

  /** One row to append with {@link #recordAll}. {@code detail} must never hold a code. */
  public record Entry(Actor actor, String action, AuditSubject subject, String detail) {}

  /** Appends the rows in the given order, in batches, in the caller's transaction. */
  public void recordAll(List<Entry> entries) {
    repository.insertAll(clock.instant(), entries.stream().map(AuditLog::fitted).toList());
  }

  /**
   * The insert of these rows, in the given order, to run with the other inserts of a step ({@link
   * org.handover.system.JointInsert}), in its transaction.
   */
  public InsertPart rows(List<Entry> entries) {
    return repository.rows(clock.instant(), entries.stream().map(AuditLog::fitted).toList());
  }

  /** The row with what came from outside made one line that fits its column. */
  private static Entry fitted(Entry e) {
    AuditSubject s = e.subject() == null ? AuditSubject.none() : e.subject();
    return new Entry(
        oneLine(e.actor()),
        e.action(),
        new AuditSubject(
            s.serviceId(),
            s.changeSetId(),
            s.ownerChangeId(),
            s.reassignmentId(),
            oneLine(s.roles(), SHORT),
            oneLine(s.fromAccount(), SHORT),
            oneLine(s.toAccount(), DETAIL)),
        oneLine(e.detail(), DETAIL));
  }

  /** The actor with what came from outside (a token's client, an address) made one line. */
  private static Actor oneLine(Actor actor) {
    return new Actor(
        actor.kind(),
        oneLine(actor.id(), ACTOR_ID),
        oneLine(actor.clientAddress(), SHORT),
        oneLine(actor.name(), ACTOR_NAME));
  }

  /** One line that fits its column (an escape widens a character to six). */
  private static String oneLine(String value, int max) {
    String line = TextRules.oneLine(value);
    return line == null || line.length() <= max ? line : line.substring(0, max);
  }

  /** A page of the trail, newest first; every filter may be null. */
  public List<AuditEntry> search(
      List<Long> serviceIds,
      String actorOrSubject,
      Instant since,
      Instant until,
      int page,
      int size) {
    return repository.search(serviceIds, actorOrSubject, since, until, page, size);
  }

  /** The rows about one change set, oldest first. */
  public List<AuditEntry> forChange(long changeSetId) {
    return repository.forChange(changeSetId);
  }

  /**
   * The rows about one service whose action is one of {@code actions} or starts with one of {@code
   * prefixes}, newest first, older than {@code before} when given (keyset pagination).
   */
  public List<AuditEntry> forService(
      long serviceId, List<String> actions, List<String> prefixes, Long before, int limit) {
    return repository.forService(serviceId, actions, prefixes, before, limit);
  }
}
