package org.handover.access;

/**
 * What happened to a policy, as the audit log ({@code access.<name>}), the service history and the
 * emails say it. The ends carry their reason's message key ({@code access.reason.<name>}).
 */
enum AccessEvent {
  granted,
  changed,
  revoked,
  expired,
  renounced,
  suspended,
  adminChanged;

  boolean isEnd() {
    return this != granted && this != changed;
  }

  String auditAction() {
    return "access." + name();
  }
}
