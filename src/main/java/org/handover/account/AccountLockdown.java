package org.handover.account;

import org.handover.system.Nic;

/**
 * Published when an account's web sessions (except the one acting, if any) and API consumer keys
 * must end at once: password changed or reset, account suspended, second factor removed, or "sign
 * out everywhere".
 */
public record AccountLockdown(Nic nic, String reason) {}
