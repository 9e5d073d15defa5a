package org.handover.contact;

import org.handover.system.HandoverException;

/** A contact change the rules do not allow; {@link #rule()} names the check that refused it. */
public final class PolicyViolation extends HandoverException {

  private final String rule;

  PolicyViolation(String rule, Kind kind, Object... args) {
    super(kind, "policy." + rule, args);
    this.rule = rule;
  }

  /** The name of the failed check, e.g. {@code onlyAdminChangesAdmin}. */
  public String rule() {
    return rule;
  }
}
