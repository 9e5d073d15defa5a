package org.handover.operator.importer;

/**
 * Why one row of an import file was refused: the file ({@code accounts} or {@code services}), the
 * line the row starts on (1-based; a CSV header is line 1) and every problem of the row.
 */
public record RowError(String file, int line, String reason) {}
