package org.handover.system;

import java.time.Duration;

/** Retry delays that double from an initial wait up to a cap (mail and webhook deliveries). */
public final class Backoff {

  private Backoff() {}

  /** The wait before attempt {@code attempts + 1}: doubling from {@code initial}, capped. */
  public static Duration doubling(Duration initial, Duration max, int attempts) {
    Duration wait = initial;
    for (int i = 1; i < attempts && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
