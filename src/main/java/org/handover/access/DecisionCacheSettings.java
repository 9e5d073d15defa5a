package org.handover.access;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The decisions' near cache ({@link NearFacts}): how long each instance may answer from the facts
 * it read ({@code handover.access.decisions.cache-ttl}, default one second, counted from the start
 * of the read; 0 reads every decision from the database) and how many (account, service) pairs it
 * keeps ({@code handover.access.decisions.cache-size}, default 20,000). The time to live is also
 * how late another instance may learn of a revocation, a suspension or a hand-over.
 */
@Validated
@ConfigurationProperties("handover.access.decisions")
record DecisionCacheSettings(
    @DefaultValue("PT1S") @NotNull Duration cacheTtl,
    @DefaultValue("20000") @Min(0) int cacheSize) {

  boolean enabled() {
    return cacheSize > 0 && cacheTtl.compareTo(Duration.ZERO) > 0;
  }
}
