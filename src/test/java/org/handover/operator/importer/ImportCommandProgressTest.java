package org.handover.operator.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The command line's progress lines, on a clock the test moves. */
class ImportCommandProgressTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final ImportCommandProgress progress =
      new ImportCommandProgress(new PrintStream(printed, true, StandardCharsets.UTF_8), nanos::get);

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  private void after(double seconds) {
    nanos.addAndGet((long) (seconds * 1e9));
  }

  @Test
  void aQuickImportPrintsNothing() {
    after(0.5);
    progress.update("accounts", 1_000, 50_000, 100_000);
    after(1);
    progress.update("accounts", 2_000, 100_000, 100_000);

    assertThat(printed()).isEmpty();
  }

  @Test
  void aLongImportSaysRowsRateShareAndTimeLeftEveryTwoSeconds() {
    progress.update("services", 1_000, 1_000_000, 40_000_000);
    after(2);
    progress.update("services", 20_000, 10_000_000, 40_000_000);
    after(1);
    progress.update("services", 30_000, 15_000_000, 40_000_000);
    after(1);
    progress.update("services", 40_000, 20_000_000, 40_000_000);

    assertThat(printed().lines())
        .containsExactly(
            "services: 20,000 rows read, 10,000 rows/s, 25 % of the file, about 6 s left",
            "services: 40,000 rows read, 10,000 rows/s, 50 % of the file, about 4 s left");
  }
}
