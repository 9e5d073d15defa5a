package org.handover.system;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * The database's own refusal of a value that slipped past the edge's rules (too long, a NUL byte, a
 * broken constraint): a 400 that changes nothing, never a 500. The edges turn a {@link
 * DataIntegrityViolationException} into this.
 */
public final class RejectedByDatabase extends HandoverException {

  public RejectedByDatabase(DataIntegrityViolationException cause) {
    super(Kind.BAD_REQUEST, "input.rejected");
    initCause(cause);
  }
}
