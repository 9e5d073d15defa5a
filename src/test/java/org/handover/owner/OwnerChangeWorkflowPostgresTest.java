package org.handover.owner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.handover.support.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The owner change workflow on a real PostgreSQL server (embedded binaries), with a transfer lock
 * of 30 days after each change.
 */
@TestPropertySource(properties = "handover.owner.transfer-lock=P30D")
class OwnerChangeWorkflowPostgresTest extends OwnerChangeWorkflowTests {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, "owner");
  }

  /** This run is the one with the lock, so the workflow's lock assertion is not vacuous. */
  @Test
  void thisRunSetsATransferLock() {
    assertThat(settings.lock()).contains(Duration.ofDays(30));
  }
}
