package org.handover.operator.importer;

/**
 * What an import did (or, for a dry run, would do): rows written and rows already present with the
 * same data, per file. Imports send no email; {@code note} says so.
 */
public record ImportResult(
    boolean dryRun, Counts accounts, Counts services, int emailsSent, String note) {

  /** Rows written and rows left as they were. */
  public record Counts(int imported, int unchanged) {}
}
