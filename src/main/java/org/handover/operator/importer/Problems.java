package org.handover.operator.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The problems found in one file, by line; each bad row becomes one {@link RowError}. */
final class Problems {

  private final String file;
  private final Map<Integer, List<String>> byLine = new TreeMap<>();

  Problems(String file) {
    this.file = file;
  }

  void add(int line, String reason) {
    byLine.computeIfAbsent(line, l -> new ArrayList<>()).add(reason);
  }

  void addAll(int line, List<String> reasons) {
    reasons.forEach(r -> add(line, r));
  }

  /** The bad rows in line order, the reasons of each joined. */
  List<RowError> errors() {
    List<RowError> errors = new ArrayList<>(byLine.size());
    byLine.forEach(
        (line, reasons) -> errors.add(new RowError(file, line, String.join("; ", reasons))));
    return errors;
  }
}
