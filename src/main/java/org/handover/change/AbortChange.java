package org.handover.change;

import java.time.Clock;
import org.handover.change.ChangeErrors.ChangeNotFound;
import org.handover.system.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An operator (or support staff) ends an open change set, with a reason everyone involved reads.
 * Load (the set, locked) → mutate ({@code aborted}) → record (saved, with its effects) → respond.
 *
 * <p>Errors: {@link ChangeNotFound}; {@link ChangeErrors.ChangeClosed} for a set already ended.
 */
@Service
public class AbortChange {

  private final ChangeSets sets;
  private final Clock clock;

  AbortChange(ChangeSets sets, Clock clock) {
    this.sets = sets;
    this.clock = clock;
  }

  @Transactional
  public ChangeSet abort(Actor operator, long id, String reason) {
    ChangeSet set = sets.lock(id).orElseThrow(() -> new ChangeNotFound(id));
    set.abort(reason == null || reason.isBlank() ? "-" : reason.strip(), clock.instant());
    sets.save(set, operator);
    return set;
  }
}
