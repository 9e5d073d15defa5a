package org.handover.audit;

/** What a customer's security log records; stored by name, shown through {@code securityLog.*}. */
public enum SecurityEvent {
  signIn,
  signInFailed,
  signInThrottled,
  signInRefused,
  secondFactorFailed,
  signOut,
  factorAdded,
  factorRemoved,
  recoveryCodeUsed,
  recoveryCodesRenewed,
  sessionEnded,
  keyCreated,
  keyEnded,
  emailChanged,
  passwordChanged,
  stepUp,
  handOver,
  accountCreated
}
