package org.handover.operator;

import org.handover.system.HandoverException;

/**
 * A malformed operator request (a 400): the message names the field at fault and what it takes
 * ({@code operator.invalid.*} keys, each starting with the field's name).
 */
public final class InvalidOperatorRequest extends HandoverException {

  public InvalidOperatorRequest(String key, Object... args) {
    super(Kind.BAD_REQUEST, key, args);
  }
}
