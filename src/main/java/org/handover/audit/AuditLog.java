package org.handover.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.handover.system.Actor;
import org.springframework.stereotype.Component;

/** The append-only audit trail: rows are inserted, never updated or deleted. */
@Component
public class AuditLog {

  private final AuditRepository repository;
  private final Clock clock;

  AuditLog(AuditRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** Appends one row in the caller's transaction. {@code detail} must never hold a code. */
  public void record(Actor actor, String action, Long serviceId, Long changeId, String detail) {
    repository.insert(clock.instant(), actor, action, serviceId, changeId, detail);
  }

  /** One row to append with {@link #recordAll}. {@code detail} must never hold a code. */
  public record Entry(Actor actor, String action, Long serviceId, Long changeId, String detail) {}

  /** Appends the rows in the given order, in batches, in the caller's transaction. */
  public void recordAll(List<Entry> entries) {
    repository.insertAll(clock.instant(), entries);
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

  /** The rows about one request, oldest first. */
  public List<AuditEntry> forChange(long changeId) {
    return repository.forChange(changeId);
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
