package org.handover.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * A read-only PostgreSQL replica of the primary database ({@code handover.datasource.replica.*});
 * without a URL, everything reads the primary. The URL may name several nodes, e.g. {@code
 * jdbc:postgresql://r1,r2,db1/handover?targetServerType=preferSecondary}: a standby when one is up,
 * else whichever node answers.
 */
@Validated
@ConfigurationProperties("handover.datasource.replica")
public record ReplicaSettings(
    String url,
    String username,
    String password,
    @DefaultValue("4") @Min(1) @Max(64) int poolSize) {

  public boolean configured() {
    return url != null && !url.isBlank();
  }
}
