package org.handover.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handover.system.InsertPart;
import org.handover.system.JointInsert;
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
  private final RecipientLimits limits;
  private final JointInsert joint;

  Outbox(OutboxRepository repository, RecipientLimits limits, JointInsert joint) {
    this.repository = repository;
    this.limits = limits;
    this.joint = joint;
  }

  /**
   * Writes one email row (its feature's record, stored as the row's payload); must run inside the
   * transaction of the change that causes it. An email someone else's action sends is left out once
   * its recipient has had enough ({@link RecipientLimits}).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void enqueue(MailKind kind, Recipient to, MailPayload mail, Long changeId) {
    enqueueAll(List.of(new Letter(kind, to, mail, changeId)));
  }

  /**
   * Whether an email of this kind to this recipient would be written now, or left out by the
   * per-recipient limit: asked before making what the email carries (a code nobody would see).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean accepts(MailKind kind, Recipient to) {
    return !limits.allowed(List.of(new Letter(kind, to, Map::of, null))).isEmpty();
  }

  /**
   * One email to write with {@link #enqueueAll}. {@code ownRequest}: it tells the person of their
   * own request (the asker of a change set), so no one else's action caused it and no limit holds
   * it back.
   */
  public record Letter(
      MailKind kind, Recipient to, MailPayload mail, Long changeId, boolean ownRequest) {

    public Letter(MailKind kind, Recipient to, MailPayload mail, Long changeId) {
      this(kind, to, mail, changeId, false);
    }
  }

  /**
   * Writes many email rows at once; must run inside the transaction that causes them. Limited per
   * recipient like {@link #enqueue}.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void enqueueAll(List<Letter> letters) {
    joint.run(writes(letters));
  }

  /**
   * The insert that writes these email rows, limited per recipient like {@link #enqueue} (the
   * insert counts what each address had), to run with the other inserts of a step ({@link
   * JointInsert}) inside the transaction that causes them.
   */
  public InsertPart writes(List<Letter> letters) {
    return limits.insert(letters);
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
