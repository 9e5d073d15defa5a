package org.handover.change;

import org.handover.contact.ContactRole;
import org.handover.system.HandoverException;
import org.handover.system.Nic;

/** The named refusals of the contact-change workflow, each with its own message. */
public final class ChangeErrors {

  private ChangeErrors() {}

  /** No such request, or not one the caller is involved in. */
  public static final class ChangeNotFound extends HandoverException {
    public ChangeNotFound(long id) {
      super(Kind.NOT_FOUND, "change.notFound", id);
    }
  }

  /** The caller is involved but is not one of the parties asked to confirm. */
  public static final class NotAParty extends HandoverException {
    NotAParty(long id, String parties) {
      super(Kind.FORBIDDEN, "change.notAParty", id, parties);
    }
  }

  /** Only the account that asked, or an administrator of one of the services, may cancel. */
  public static final class NotAllowedToCancel extends HandoverException {
    NotAllowedToCancel(long id, Nic asker) {
      super(Kind.FORBIDDEN, "change.notTheAsker", id, asker);
    }
  }

  /** The request has ended (or is being applied) and accepts no more answers. */
  public static final class ChangeClosed extends HandoverException {
    ChangeClosed(long id, ChangeState state) {
      super(Kind.CONFLICT, "change.closed", id, state.name());
    }
  }

  /**
   * This party has already accepted or refused: said in words ({@code .accepted}, {@code
   * .refused}).
   */
  public static final class AlreadyAnswered extends HandoverException {
    AlreadyAnswered(long id, PartyStatus status) {
      super(Kind.CONFLICT, "change.alreadyAnswered." + status.name(), id);
    }
  }

  /**
   * The code does not match; never says whether some other code exists. Says how many tries are
   * left before the code is voided, or, after the last one, that it is void and how to get another.
   */
  public static final class WrongCode extends HandoverException {
    WrongCode(long id, int triesLeft) {
      super(
          Kind.BAD_REQUEST,
          triesLeft > 0 ? "change.wrongCodeTriesLeft" : "change.wrongCodeNowVoid",
          id,
          triesLeft);
    }
  }

  /**
   * The code is the party's previous one, replaced by a resend: not a guess, so not counted, and
   * the person is told to use the newest email's code.
   */
  public static final class CodeReplaced extends HandoverException {
    CodeReplaced(long id) {
      super(Kind.BAD_REQUEST, "change.codeReplaced", id);
    }
  }

  /** The party's code is void: used, or too many wrong tries (then it says so, and what to do). */
  public static final class CodeVoid extends HandoverException {
    CodeVoid(long id, boolean tooManyTries) {
      super(Kind.BAD_REQUEST, tooManyTries ? "change.codeVoidTooManyTries" : "change.codeVoid", id);
    }
  }

  /** Another submission consumed the code first. */
  public static final class CodeAlreadyUsed extends HandoverException {
    CodeAlreadyUsed(long id) {
      super(Kind.CONFLICT, "change.codeAlreadyUsed", id);
    }
  }

  /** A new code was sent less than the minimum interval ago. */
  public static final class ResendTooSoon extends HandoverException {
    ResendTooSoon(long id, long seconds) {
      super(Kind.TOO_MANY_REQUESTS, "change.resendTooSoon", id, seconds);
    }
  }

  /** The daily number of new codes is used up. */
  public static final class ResendLimitReached extends HandoverException {
    ResendLimitReached(long id, int limit) {
      super(Kind.TOO_MANY_REQUESTS, "change.resendLimit", id, limit);
    }
  }

  /** Another open request already covers this role of the service. */
  public static final class OpenRequestConflict extends HandoverException {
    private final long openChangeId;

    OpenRequestConflict(long openChangeId, ContactRole role, String service) {
      super(Kind.CONFLICT, "change.openRequest", openChangeId, role, service);
      this.openChangeId = openChangeId;
    }

    public long openChangeId() {
      return openChangeId;
    }
  }

  /** A set must hold at least one service and at most the configured number. */
  public static final class SetTooLarge extends HandoverException {
    SetTooLarge(int given, int max) {
      super(Kind.BAD_REQUEST, "change.setSize", given, max);
    }
  }

  /** A move the state machine does not allow; a programming error if it ever escapes. */
  public static final class IllegalTransition extends HandoverException {
    IllegalTransition(long id, ChangeState from, ChangeState to) {
      super(Kind.CONFLICT, "change.illegalTransition", id, from.name(), to.name());
    }
  }
}
