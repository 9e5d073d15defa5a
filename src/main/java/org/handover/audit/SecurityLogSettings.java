package org.handover.audit;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long customers' security logs are kept ({@code handover.security.log-retention}, default 400
 * days) and how often older lines are purged.
 */
@Validated
@ConfigurationProperties("handover.security")
record SecurityLogSettings(
    @DefaultValue("P400D") @NotNull Duration logRetention,
    @DefaultValue("PT1H") @NotNull Duration logPurgeInterval) {}
