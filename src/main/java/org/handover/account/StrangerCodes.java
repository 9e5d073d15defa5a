package org.handover.account;

import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.HandoverProperties;
import org.handover.system.Throttle;
import org.springframework.stereotype.Component;

/**
 * Codes that anyone may type, signed in or not (the sign-up confirmation link, a password reset): a
 * wrong one counts against where it came from (the client address, {@code
 * handover.security.address-failures} per quarter hour, then 429), never against the owner's code,
 * so no stranger can void it. Guessing stays hopeless: a code has 140 random bits.
 */
@Component
class StrangerCodes {

  private final Throttle throttle;
  private final int limit;

  StrangerCodes(Throttle throttle, HandoverProperties properties) {
    this.throttle = throttle;
    this.limit = properties.security().addressFailures();
  }

  /** Refuses an address that typed too many wrong codes lately. */
  void requireMayTry(Actor actor) {
    if (throttle.isBlocked(key(actor), limit)) {
      throw new TooManyCodes();
    }
  }

  /** Counts a wrong code against where it came from. */
  void failed(Actor actor) {
    throttle.record(key(actor));
  }

  private static String key(Actor actor) {
    return "stranger-code:" + actor.clientAddress();
  }

  /** Too many wrong codes from this address. */
  static final class TooManyCodes extends HandoverException {
    TooManyCodes() {
      super(Kind.TOO_MANY_REQUESTS, "error.throttled");
    }
  }
}
