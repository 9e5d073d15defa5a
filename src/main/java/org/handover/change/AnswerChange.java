package org.handover.change;

import java.time.Clock;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A party answers a change set with its code: accepts (the last acceptance re-checks every item and
 * applies them all) or refuses (the set ends in {@code refused}). The answer itself is one
 * transaction ({@link AnswerFlow}); an unexpected failure rolls it back, then ends the set in
 * {@code error} in a transaction of its own.
 *
 * <p>Errors: {@link ChangeErrors.ChangeNotFound} for anyone not a member of the set; {@link
 * ChangeErrors.NotAParty}; {@link ChangeErrors.AlreadyAnswered}; {@link ChangeErrors.ChangeClosed}
 * for a set no longer open (one found past its deadline is expired first); {@link
 * ChangeErrors.WrongCode} and {@link ChangeErrors.CodeVoid} (the failure counted first); {@link
 * ChangeErrors.CodeReplaced}; {@link ChangeErrors.CodeAlreadyUsed} when another submission used the
 * code first.
 */
@Service
public class AnswerChange {

  private static final Logger log = LoggerFactory.getLogger(AnswerChange.class);

  private final AnswerFlow flow;
  private final ChangeSets sets;
  private final Clock clock;
  private final TransactionTemplate tx;

  AnswerChange(AnswerFlow flow, ChangeSets sets, Clock clock, TransactionTemplate tx) {
    this.flow = flow;
    this.sets = sets;
    this.clock = clock;
    this.tx = tx;
  }

  /**
   * Accepts the whole set with the party's code. Accepting again with the code already used is a
   * no-op (a client that accepts each task of the set in turn).
   */
  public ChangeSet accept(Actor actor, long id, String code) {
    return answer(actor, id, code, true, null);
  }

  /** Refuses with the party's code, and may say why; the set ends in {@code refused}. */
  public ChangeSet refuse(Actor actor, long id, String code, String why) {
    return answer(actor, id, code, false, why);
  }

  private ChangeSet answer(Actor actor, long id, String code, boolean accepting, String why) {
    try {
      return flow.answer(actor, id, code, accepting, why);
    } catch (HandoverException | TransientDataAccessException expected) {
      throw expected;
    } catch (RuntimeException unexpected) {
      endInError(id, unexpected);
      throw unexpected;
    }
  }

  private void endInError(long id, RuntimeException cause) {
    log.error("Change set {} failed unexpectedly", id, cause);
    try {
      tx.executeWithoutResult(
          s ->
              sets.lock(id)
                  .filter(c -> c.state().isOpen())
                  .ifPresent(
                      c -> {
                        c.fail(
                            Reason.of("reason.unexpected", cause.getClass().getSimpleName()),
                            clock.instant());
                        sets.save(c, Actor.system());
                      }));
    } catch (RuntimeException again) {
      log.error("Could not record the failure of change set {}", id, again);
    }
  }
}
