package org.handover.change;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.handover.contact.StandingCheck;
import org.handover.system.DueWork;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Change sets ({@code handover.change.*}): how long a set stays open and when its parties are
 * reminded, the payment-standing rule, wrong codes and resends allowed, and the job that expires
 * and reminds. Owner changes share the expiry, the wrong-code limit and the job's settings.
 */
@Validated
@ConfigurationProperties("handover.change")
public record ChangeSettings(
    @DefaultValue("P14D") @NotNull Duration expiry,
    @DefaultValue({"P7D", "P1D"}) List<Duration> reminders,
    @DefaultValue("billing") @NotNull StandingCheck standingCheck,
    @DefaultValue("5") @Min(1) @Max(100) int maxCodeFailures,
    @DefaultValue("PT1M") @NotNull Duration resendInterval,
    @DefaultValue("10") @Min(1) int resendDailyLimit,
    @DefaultValue("PT1M") @NotNull Duration jobInterval,
    @DefaultValue("true") boolean jobsEnabled)
    implements DueWork.Schedule {

  /** Reminder offsets before expiry, largest first, only those shorter than the expiry. */
  public List<Duration> reminderOffsets() {
    return reminders.stream()
        .filter(d -> d.compareTo(expiry) < 0 && !d.isNegative() && !d.isZero())
        .sorted(Comparator.reverseOrder())
        .toList();
  }
}
