package org.handover.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Counts attempts per key (a login, a client address, an action) over a sliding quarter hour, so
 * that guessing passwords or codes, or flooding someone with emails, stops after a few tries. Kept
 * in memory per instance; the limits are per instance too.
 *
 * <p>Why not Bucket4j or Resilience4j's rate limiter: this is a failure lock-out, not a rate limit.
 * Only failures count ({@link #record}), a success clears the count ({@link #reset}), the check
 * does not consume anything ({@link #isBlocked}), and the count is forgotten a whole window after
 * the <em>latest</em> failure, so slow guessing never earns new tries. Token buckets consume a
 * permit per attempt and refill on a schedule, which would let a guesser who waits out each refill
 * go on for ever; shaping them into the rule above leaves only Caffeine's expiring map, which this
 * class already is.
 */
@Component
public class Throttle {

  /** How long failures are remembered after the last one. */
  public static final Duration WINDOW = Duration.ofMinutes(15);

  private final Cache<String, AtomicInteger> counts =
      Caffeine.newBuilder().expireAfterWrite(WINDOW).maximumSize(200_000).build();

  /** Records one attempt under the key; returns the count within the window. */
  public int record(String key) {
    AtomicInteger count = counts.get(key, k -> new AtomicInteger());
    int n = count.incrementAndGet();
    counts.put(key, count); // restarts the window from the latest attempt
    return n;
  }

  /** Whether the key has reached the limit within the window. */
  public boolean isBlocked(String key, int limit) {
    AtomicInteger count = counts.getIfPresent(key);
    return count != null && count.get() >= limit;
  }

  public void reset(String key) {
    counts.invalidate(key);
  }
}
