package org.handover.change;

import java.time.Clock;
import java.time.Instant;
import org.handover.change.ChangeErrors.ChangeClosed;
import org.handover.system.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The asker, or an administrator of one of its services, withdraws a change set. Load (the set,
 * locked, for a member) → verify (not past its deadline; allowed to cancel) → mutate ({@code
 * aborted}) → record (saved, with its effects, through {@link ChangeSets}) → respond (the set).
 *
 * <p>Errors: {@link ChangeErrors.ChangeNotFound} for anyone not a member; {@link ChangeClosed} for
 * a set no longer open (one found past its deadline is expired first, and that is committed);
 * {@link ChangeErrors.NotAllowedToCancel}.
 */
@Service
public class CancelChange {

  private final ChangeSets sets;
  private final Clock clock;

  CancelChange(ChangeSets sets, Clock clock) {
    this.sets = sets;
    this.clock = clock;
  }

  @Transactional(noRollbackFor = ChangeClosed.class)
  public ChangeSet cancel(Actor actor, long id) {
    Instant now = clock.instant();
    ChangeSet set = sets.lockInvolving(actor.nic(), id);
    sets.refuseIfExpired(set, now);
    set.cancel(actor.nic(), now);
    sets.save(set, actor);
    return set;
  }
}
