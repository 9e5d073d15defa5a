package org.handover.reassignment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.handover.system.DueWork;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Assisted reassignment ({@code handover.reassignment.*}): how long current contacts may veto, how
 * long a case may stay open in all, wrong codes allowed, and the job that applies and expires
 * cases.
 */
@Validated
@ConfigurationProperties("handover.reassignment")
public record ReassignmentSettings(
    @DefaultValue("P7D") @NotNull Duration coolingOff,
    @DefaultValue("P30D") @NotNull Duration expiry,
    @DefaultValue("5") @Min(1) @Max(100) int maxCodeFailures,
    @DefaultValue("PT1M") @NotNull Duration jobInterval,
    @DefaultValue("true") boolean jobsEnabled)
    implements DueWork.Schedule {}
