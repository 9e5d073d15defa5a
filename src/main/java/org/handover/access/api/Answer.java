package org.handover.access.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.handover.access.Decision;

/**
 * One answer of the operator's {@code authorize}: {@code {"allowed", "because": {"role"} |
 * {"policy"} | {"denied"[, "policy"]}}}, written by {@link OperatorAuthorizeApi} and {@link
 * LeanAuthorize} alike.
 */
record Answer(boolean allowed, Map<String, String> because) {

  static Answer of(Decision d) {
    Map<String, String> because = new LinkedHashMap<>();
    if (d.role() != null) {
      because.put("role", d.role().name());
    } else if (d.allowed()) {
      because.put("policy", d.policy());
    } else {
      because.put("denied", d.denied().name());
      if (d.policy() != null) {
        because.put("policy", d.policy());
      }
    }
    return new Answer(d.allowed(), because);
  }

  /** {@code decide;dur=<ms>} with three decimals: the time since {@code start} (nanoseconds). */
  static String serverTiming(long start) {
    long micros = (System.nanoTime() - start) / 1_000;
    String fraction = String.valueOf(1_000 + micros % 1_000).substring(1);
    return "decide;dur=" + micros / 1_000 + "." + fraction;
  }
}
