package org.handover.operator.importer;

import java.util.List;
import org.handover.system.HandoverException;

/**
 * Some rows of the files are invalid, so nothing was imported; {@link #errors()} names them all.
 */
public final class InvalidRows extends HandoverException {

  /** The most errors an answer lists; the message gives the full count. */
  public static final int LISTED = 1_000;

  private final transient List<RowError> errors;

  InvalidRows(List<RowError> errors) {
    super(
        Kind.BAD_REQUEST,
        errors.size() > LISTED ? "import.invalid.capped" : "import.invalid",
        errors.size(),
        LISTED);
    this.errors = List.copyOf(errors);
  }

  /** Every invalid row, in file then line order. */
  public List<RowError> errors() {
    return errors;
  }

  /** The first {@link #LISTED} invalid rows. */
  public List<RowError> listed() {
    return errors.subList(0, Math.min(LISTED, errors.size()));
  }
}
