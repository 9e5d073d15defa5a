package org.handover.owner;

import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Owner changes ({@code handover.owner.*}): {@code transfer-lock}, how long after an owner change
 * the registrar keeps the domain from being transferred (e.g. {@code P30D}); none by default.
 * Handover records and shows the date; the registrar's systems enforce it.
 */
@Validated
@ConfigurationProperties("handover.owner")
public record OwnerChangeSettings(Duration transferLock) {

  public OwnerChangeSettings {
    if (transferLock != null && (transferLock.isNegative() || transferLock.isZero())) {
      throw new IllegalArgumentException("handover.owner.transfer-lock must be positive");
    }
  }

  public Optional<Duration> lock() {
    return Optional.ofNullable(transferLock);
  }
}
