package org.handover.system;

import java.util.Optional;

/**
 * The language a customer chose, so that the panel switches to it at sign-in. Implemented by the
 * {@code account} feature; the kernel only knows this interface.
 */
public interface CustomerLanguages {

  /** The customer's language; empty when no such customer exists. */
  Optional<Language> of(Nic nic);
}
