package org.handover.owner;

import java.util.Arrays;
import java.util.Optional;

/** Which registrant a party of an owner change is: the one on record, or the one it names. */
public enum Registrant {
  current("current"),
  incoming("new");

  private final String code;

  Registrant(String code) {
    this.code = code;
  }

  /** The name in the database and the APIs. */
  public String code() {
    return code;
  }

  static Optional<Registrant> ofCode(String code) {
    return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
  }
}
