package org.handover.operator;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.handover.system.Backoff;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook delivery settings, {@code handover.webhooks.*}, validated at start-up.
 *
 * @param enabled whether this instance delivers due webhooks in the background
 * @param pollInterval how often this instance looks for due deliveries
 * @param maxAttempts attempts before a delivery is {@code failed} for good
 * @param initialBackoff wait after the first failure, doubling after each further one
 * @param maxBackoff the longest wait between two attempts
 * @param connectTimeout how long to wait for the receiver's connection
 * @param requestTimeout how long to wait for the receiver's answer
 * @param allowPrivateTargets where webhooks may be delivered: by default only {@code https} URLs
 *     whose host resolves to public addresses; {@code true} also allows {@code http} and loopback,
 *     private, link-local and unique-local addresses, for providers whose receivers are internal
 */
@Validated
@ConfigurationProperties("handover.webhooks")
public record WebhookSettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("PT2S") @NotNull Duration pollInterval,
    @DefaultValue("10") @Min(1) @Max(50) int maxAttempts,
    @DefaultValue("PT30S") @NotNull Duration initialBackoff,
    @DefaultValue("PT1H") @NotNull Duration maxBackoff,
    @DefaultValue("PT5S") @NotNull Duration connectTimeout,
    @DefaultValue("PT10S") @NotNull Duration requestTimeout,
    @DefaultValue("false") boolean allowPrivateTargets) {

  /** The wait before attempt {@code attempts + 1}: doubling from the initial backoff, capped. */
  public Duration backoffAfter(int attempts) {
    return Backoff.doubling(initialBackoff, maxBackoff, attempts);
  }

  /**
   * How long a claimed delivery is withheld from other dispatchers: longer than any POST may take,
   * so that only a dispatcher that died mid-POST has its claim taken over (at least once).
   */
  public Duration claimLease() {
    return connectTimeout.plus(requestTimeout).plusMinutes(1);
  }
}
