package org.handover.access.web;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The Access page's share form as typed: shown again, whole, after a refusal (kept in the flash,
 * hence serializable), or empty with the default duration.
 */
record ShareForm(String grantee, ArrayList<String> categories, String duration, String policyName)
    implements Serializable {

  /** The durations the form offers; "none" is until revoked. */
  static final List<String> DURATIONS = List.of("P1D", "P7D", "P30D", "none");

  static ShareForm empty() {
    return new ShareForm("", new ArrayList<>(), "P7D", "");
  }

  static ShareForm typed(String grantee, List<String> chosen, String duration, String name) {
    return new ShareForm(
        grantee,
        new ArrayList<>(chosen == null ? List.of() : chosen),
        DURATIONS.contains(duration) ? duration : "P7D",
        name);
  }
}
