package org.handover.mail;

import java.util.EnumSet;
import java.util.Set;

/**
 * A feature's emails as {@code mail} sees them: a bean per feature (a subclass registered as a
 * component), for the kinds it sends, that reads a stored payload of one of them back into the
 * feature's typed {@link MailContent}. Every {@link MailKind} has exactly one ({@link
 * MailTemplates} refuses to start otherwise).
 */
public abstract class MailFormat {

  /** Reads a stored payload back into the feature's record; fails on a malformed payload. */
  @FunctionalInterface
  protected interface Reader {
    MailContent read(MailKind kind, StoredPayload payload);
  }

  private final Set<MailKind> kinds;
  private final Reader reader;

  protected MailFormat(Set<MailKind> kinds, Reader reader) {
    this.kinds = Set.copyOf(EnumSet.copyOf(kinds));
    this.reader = reader;
  }

  /** The kinds this feature sends. */
  public final Set<MailKind> kinds() {
    return kinds;
  }

  /** The email an outbox row of one of {@link #kinds()} holds. */
  public final MailContent read(MailKind kind, StoredPayload payload) {
    return reader.read(kind, payload);
  }
}
