package org.handover.account;

import org.handover.system.HandoverException;

/** Too many emails asked for in a short time. */
public final class TooManyMails extends HandoverException {
  TooManyMails() {
    super(Kind.TOO_MANY_REQUESTS, "error.throttled");
  }
}
