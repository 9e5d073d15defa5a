package org.handover.audit;

import java.time.Instant;

/**
 * One line of a customer's security log: when, what, how (sign-in method and second factor), by
 * whom (for sessions and keys ended by someone else), from which address and browser.
 */
public record SecurityEntry(
    long id,
    Instant at,
    SecurityEvent event,
    String method,
    String factor,
    String by,
    String address,
    String browser,
    String detail) {}
