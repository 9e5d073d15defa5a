package org.handover.operator.importer;

import java.util.List;
import org.handover.system.HandoverException;

/**
 * Some rows of the files are invalid, so nothing was imported; {@link #listed()} names the first
 * {@value #LISTED}, {@link #count()} says how many there were.
 */
public final class InvalidRows extends HandoverException {

  /** The most errors an answer lists; the message gives the full count. */
  public static final int LISTED = 1_000;

  private final transient List<RowError> listed;
  private final int count;

  InvalidRows(List<RowError> errors, int count) {
    super(
        Kind.BAD_REQUEST,
        count > LISTED ? "import.invalid.capped" : "import.invalid",
        count,
        LISTED);
    this.listed = List.copyOf(errors.subList(0, Math.min(LISTED, errors.size())));
    this.count = count;
  }

  /** How many rows are invalid. */
  public int count() {
    return count;
  }

  /** The first {@link #LISTED} invalid rows, in file then line order. */
  public List<RowError> listed() {
    return listed;
  }
}
