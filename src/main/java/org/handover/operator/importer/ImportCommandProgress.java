package org.handover.operator.importer;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The command line's progress: at most one line every {@value #EVERY_SECONDS} seconds, so a small
 * file prints none, naming the rows read, the rate and the time left (from the share of the file
 * read so far).
 */
final class ImportCommandProgress implements ImportProgress {

  static final int EVERY_SECONDS = 2;

  private static final long EVERY = EVERY_SECONDS * 1_000_000_000L;

  private final PrintStream out;
  private final LongSupplier nanoTime;
  private final long start;
  private String file;
  private long fileStart;
  private long lastPrinted;

  ImportCommandProgress(PrintStream out, LongSupplier nanoTime) {
    this.out = out;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
    this.lastPrinted = start;
  }

  @Override
  public void update(String file, long rows, long bytesRead, long size) {
    long now = nanoTime.getAsLong();
    if (!file.equals(this.file)) {
      this.file = file;
      this.fileStart = now;
    }
    if (now - lastPrinted < EVERY) {
      return;
    }
    lastPrinted = now;
    double seconds = Math.max(1e-9, (now - fileStart) / 1e9);
    double share = size <= 0 ? 0 : Math.min(1.0, (double) bytesRead / size);
    String left =
        share <= 0 ? "?" : String.format(Locale.ROOT, "%.0f", seconds * (1 - share) / share);
    out.println(
        String.format(
            Locale.ROOT,
            "%s: %,d rows read, %,.0f rows/s, %.0f %% of the file, about %s s left",
            file,
            rows,
            rows / seconds,
            share * 100,
            left));
  }
}
