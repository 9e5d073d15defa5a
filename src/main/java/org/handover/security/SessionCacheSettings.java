package org.handover.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many signed-in web sessions each instance keeps in memory ({@code
 * handover.sessions.near-cache-size}, default 5,000; 0 reads every request's session from the
 * database as before) and how long one is kept before it is read again whatever happened ({@code
 * handover.sessions.near-cache-ttl}, default 5 minutes). See {@link NearSessions}.
 */
@Validated
@ConfigurationProperties("handover.sessions")
record SessionCacheSettings(
    @DefaultValue("5000") @Min(0) int nearCacheSize,
    @DefaultValue("PT5M") @NotNull Duration nearCacheTtl) {}
