package org.handover.audit;

import java.time.Instant;

/**
 * One line of a customer's security log: when, what, how (sign-in method and second factor), who
 * did it ({@code actor}, a code; {@code by}, the technical identity when not the customer), why or
 * how ({@code reason}, a code, with the number it refers to in {@code ref}), from which address and
 * browser (the browser with its major version and its {@code system}, as {@link Browsers}
 * recognised them), and {@code detail}: a name the customer typed (a second factor's), or for lines
 * written before the codes existed, the text then stored.
 */
public record SecurityEntry(
    long id,
    Instant at,
    SecurityEvent event,
    String method,
    String factor,
    SecurityActor actor,
    String by,
    SecurityReason reason,
    Long ref,
    String address,
    String browser,
    String system,
    String detail) {

  /** What the browser's User-Agent said, as recognised when the line was written. */
  public Browsers.Recognised recognised() {
    return new Browsers.Recognised(browser, browser == null ? null : system);
  }
}
