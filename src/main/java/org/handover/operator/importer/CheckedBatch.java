package org.handover.operator.importer;

import java.util.List;

/**
 * One batch of an import's file checked: the new rows to write, how many are unchanged, why the
 * others are bad.
 */
record CheckedBatch<T>(List<T> toWrite, int unchanged, Problems problems) {}
