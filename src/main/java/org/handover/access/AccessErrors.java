package org.handover.access;

import org.handover.system.HandoverException;

/** The refusals of delegated access, each with its own message (keys {@code access.error.*}). */
public final class AccessErrors {

  private AccessErrors() {}

  /** Bad input: the message key says which rule the policy or check breaks. */
  public static final class InvalidPolicy extends HandoverException {
    InvalidPolicy(String key, Object... args) {
      super(Kind.BAD_REQUEST, "access.error." + key, args);
    }
  }

  /** The owner does not administer a service of the policy (whether or not it exists). */
  public static final class NotAdministrator extends HandoverException {
    NotAdministrator(ResourceRef ref) {
      super(Kind.FORBIDDEN, "access.error.notAdmin", ref.type(), ref.name());
    }
  }

  /** No live policy with this id that the caller owns (or, to renounce, is granted). */
  public static final class NoSuchPolicy extends HandoverException {
    NoSuchPolicy(String id) {
      super(Kind.NOT_FOUND, "access.error.notFound", id);
    }
  }

  /** A change would grant again a grantee who renounced. */
  public static final class GranteeRenounced extends HandoverException {
    GranteeRenounced(String nic) {
      super(Kind.CONFLICT, "access.error.renounced", nic);
    }
  }
}
