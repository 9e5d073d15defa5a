package org.handover.owner;

import org.handover.system.HandoverException;

/** The refusals of owner changes, each with its own message. */
public final class OwnerErrors {

  private OwnerErrors() {}

  /** No open owner change on this domain, or none the caller may see. */
  public static final class NoOpenOwnerChange extends HandoverException {
    public NoOpenOwnerChange(String domain) {
      super(Kind.NOT_FOUND, "ownerChange.noneOpen", domain);
    }
  }

  /** A second owner change while one is open on the domain. */
  public static final class OwnerChangeAlreadyOpen extends HandoverException {
    public OwnerChangeAlreadyOpen(long open, String domain) {
      super(Kind.CONFLICT, "ownerChange.alreadyOpen", open, domain);
    }
  }

  /** The change has ended; nobody can answer or cancel it any more. */
  public static final class OwnerChangeEnded extends HandoverException {
    public OwnerChangeEnded(long id, OwnerChangeState state) {
      super(Kind.CONFLICT, "ownerChange.ended", id, state.name());
    }
  }

  /**
   * An unknown link, a wrong code, or a code voided by too many failures: the same answer for all,
   * so that a guesser learns nothing.
   */
  public static final class WrongOwnerCode extends HandoverException {
    public WrongOwnerCode() {
      super(Kind.BAD_REQUEST, "ownerChange.wrongCode");
    }
  }

  /** Too many wrong codes from this client address: wait a quarter of an hour. */
  public static final class TooManyOwnerCodes extends HandoverException {
    public TooManyOwnerCodes() {
      super(Kind.TOO_MANY_REQUESTS, "ownerChange.throttled");
    }
  }

  /** The owner record sent is the one on record: nothing to change. */
  public static final class NothingToChange extends HandoverException {
    public NothingToChange(String domain) {
      super(Kind.BAD_REQUEST, "ownerChange.nothing", domain);
    }
  }

  /** A reason longer than allowed or with forbidden characters. */
  public static final class InvalidReason extends HandoverException {
    public InvalidReason() {
      super(Kind.BAD_REQUEST, "ownerChange.invalidReason");
    }
  }
}
