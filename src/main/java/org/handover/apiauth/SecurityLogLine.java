package org.handover.apiauth;

import org.handover.audit.SecurityEntry;

/**
 * A line of a customer's security log as the API and the exports write it: dates as the API writes
 * them, the event by name, the sign-in method and second factor, who did it (a code, and the
 * technical identity when not the customer), why or how (a code and the number it refers to), the
 * browser (with its major version) and its system as recognised, each as data.
 */
public record SecurityLogLine(
    long id,
    String date,
    String event,
    String method,
    String factor,
    String actor,
    String by,
    String reason,
    Long ref,
    String address,
    String browser,
    String system,
    String detail) {

  /** The column names, in order (the CSV export's header). */
  public static final String[] COLUMNS = {
    "id", "date", "event", "method", "factor", "actor", "by", "reason", "ref", "address", "browser",
    "system", "detail"
  };

  public static SecurityLogLine of(SecurityEntry e) {
    return new SecurityLogLine(
        e.id(),
        ApiResponses.datetime(e.at()),
        e.event().name(),
        e.method(),
        e.factor(),
        e.actor() == null ? null : e.actor().name(),
        e.by(),
        e.reason() == null ? null : e.reason().name(),
        e.ref(),
        e.address(),
        e.browser(),
        e.system(),
        e.detail());
  }

  /** The values in the order of {@link #COLUMNS}. */
  public String[] values() {
    return new String[] {
      String.valueOf(id),
      date,
      event,
      method,
      factor,
      actor,
      by,
      reason,
      ref == null ? null : String.valueOf(ref),
      address,
      browser,
      system,
      detail
    };
  }
}
