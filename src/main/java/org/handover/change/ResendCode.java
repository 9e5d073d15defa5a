package org.handover.change;

import java.time.Clock;
import java.time.Instant;
import org.handover.change.ChangeErrors.ChangeClosed;
import org.handover.system.Actor;
import org.handover.system.ConfirmationCode;
import org.handover.system.HandoverProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends the calling party a new code for a change set; the old one stops working. Load (the set,
 * locked, for a member) → verify (not past its deadline) → mutate (a new code, within the rate
 * limits) → record (saved and emailed, through {@link ChangeSets}).
 *
 * <p>Errors: {@link ChangeErrors.ChangeNotFound} for anyone not a member; {@link ChangeClosed} for
 * a set no longer open (one found past its deadline is expired first, and that is committed);
 * {@link ChangeErrors.NotAParty}; {@link ChangeErrors.AlreadyAnswered}; {@link
 * ChangeErrors.ResendTooSoon}; {@link ChangeErrors.ResendLimitReached}.
 */
@Service
public class ResendCode {

  private final ChangeSets sets;
  private final Clock clock;
  private final HandoverProperties.Change settings;

  ResendCode(ChangeSets sets, Clock clock, HandoverProperties properties) {
    this.sets = sets;
    this.clock = clock;
    this.settings = properties.change();
  }

  @Transactional(noRollbackFor = ChangeClosed.class)
  public void resend(Actor actor, long id) {
    Instant now = clock.instant();
    ChangeSet set = sets.lockInvolving(actor.nic(), id);
    sets.refuseIfExpired(set, now);
    set.rotateCode(
        actor.nic(),
        ConfirmationCode.generate(),
        now,
        settings.resendInterval(),
        settings.resendDailyLimit());
    sets.save(set, actor);
  }
}
