package org.handover.operator;

import org.handover.system.HandoverException;

/** A malformed operator request: names the field at fault (a 400). */
public final class InvalidOperatorRequest extends HandoverException {

  public InvalidOperatorRequest(String field) {
    super(Kind.BAD_REQUEST, "operator.invalid", field);
  }
}
