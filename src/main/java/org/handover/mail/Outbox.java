package org.handover.mail;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mail outbox. Business calls {@link #enqueue} inside their own transaction, so an email exists
 * if and only if the change that causes it was committed.
 */
@Component
public class Outbox {

  /** The most rows one page of failed emails may hold. */
  public static final int MAX_PAGE = 500;

  private final OutboxRepository repository;
  private final Clock clock;

  Outbox(OutboxRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** Writes one email row; must run inside the transaction of the change that causes it. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void enqueue(MailKind kind, Recipient to, Map<String, ?> payload, Long changeId) {
    repository.insert(kind, to, payload, changeId, clock.instant());
  }

  /** One email to write with {@link #enqueueAll}. */
  public record Letter(MailKind kind, Recipient to, Map<String, ?> payload, Long changeId) {}

  /** Writes many email rows at once; must run inside the transaction that causes them. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void enqueueAll(List<Letter> letters) {
    repository.insertAll(letters, clock.instant());
  }

  /** The emails about one request, oldest first. */
  public List<OutboxMessage> forChange(long changeId) {
    return repository.forChange(changeId);
  }

  /** The newest emails first, for the demo mailbox and tests. */
  public List<OutboxMessage> newest(int offset, int limit) {
    return repository.newest(offset, limit);
  }

  /** Emails after the given id, oldest first. */
  public List<OutboxMessage> after(long id) {
    return repository.after(id);
  }

  /**
   * The emails about one request that failed for good (the SMTP server refused them, or every
   * attempt failed), oldest first, each with its recipient and {@link OutboxMessage#lastError()};
   * none of them holds a code any more.
   */
  public List<OutboxMessage> failedMailsFor(long changeId) {
    List<OutboxMessage> failed = new ArrayList<>(repository.failed(null, changeId, 0, MAX_PAGE));
    Collections.reverse(failed);
    return failed;
  }

  /**
   * A page of the emails that failed for good, newest first, to one account and about one request
   * when these are not null.
   */
  public List<OutboxMessage> failed(Nic account, Long changeId, int page, int size) {
    return repository.failed(
        account == null ? null : account.value(), changeId, (long) page * size, size);
  }

  /** One email, if it exists. */
  public Optional<OutboxMessage> find(long id) {
    return repository.find(id);
  }

  /** The highest id so far (0 when empty). */
  public long lastId() {
    return repository.lastId();
  }
}
