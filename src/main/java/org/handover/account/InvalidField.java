package org.handover.account;

import org.handover.system.HandoverException;

/** A field of an account request is missing or malformed. */
public final class InvalidField extends HandoverException {
  InvalidField(String field) {
    super(Kind.BAD_REQUEST, "account.field.invalid", field);
  }
}
