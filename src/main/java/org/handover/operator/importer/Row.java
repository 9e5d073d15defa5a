package org.handover.operator.importer;

import java.util.List;
import java.util.Map;

/**
 * One row of an import file: the line it starts on (1-based; for CSV the header is line 1), its
 * non-blank values by field name, and the problems found while reading it.
 */
record Row(int line, Map<String, String> values, List<String> problems) {}
