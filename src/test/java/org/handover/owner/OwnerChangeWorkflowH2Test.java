package org.handover.owner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The owner change workflow on the embedded default database (H2), without a transfer lock. */
class OwnerChangeWorkflowH2Test extends OwnerChangeWorkflowTests {

  /** This run is the one without the lock (the default). */
  @Test
  void thisRunSetsNoTransferLock() {
    assertThat(settings.lock()).isEmpty();
  }
}
