package org.handover.audit;

import java.util.Collection;
import java.util.stream.Collectors;
import org.handover.system.Nic;

/**
 * What an audit row is about, in typed columns that other features read instead of the row's {@code
 * detail} text: the service, the workflow behind the row (a change set, an owner change or a
 * reassignment case) and, for a row that moves contact roles or grants access, the roles and the
 * accounts they moved from and to. Every part may be null.
 *
 * @param changeSetId the change set (stored as {@code change_id})
 * @param roles the roles moved, encoded as {@code contact/ContactRole.encode} writes them
 * @param fromAccount the customer ID the roles moved from
 * @param toAccount the customer ID they moved to; a policy's grantees, comma-separated
 */
public record AuditSubject(
    Long serviceId,
    Long changeSetId,
    Long ownerChangeId,
    Long reassignmentId,
    String roles,
    String fromAccount,
    String toAccount) {

  private static final AuditSubject NONE =
      new AuditSubject(null, null, null, null, null, null, null);

  /** A row about nothing in particular (a sign-up, an operator's setting). */
  public static AuditSubject none() {
    return NONE;
  }

  /** A row about a service (null for none) and a change set (null for none). */
  public static AuditSubject of(Long serviceId, Long changeSetId) {
    return new AuditSubject(serviceId, changeSetId, null, null, null, null, null);
  }

  /** A row about an owner change of a domain. */
  public static AuditSubject ownerChange(long serviceId, long ownerChangeId) {
    return new AuditSubject(serviceId, null, ownerChangeId, null, null, null, null);
  }

  /** A row about one service of a reassignment case. */
  public static AuditSubject reassignment(long serviceId, long reassignmentId) {
    return new AuditSubject(serviceId, null, null, reassignmentId, null, null, null);
  }

  /**
   * This subject, with the roles that moved (encoded) from one account (null if none) to another.
   */
  public AuditSubject moving(String encodedRoles, Nic from, Nic to) {
    return new AuditSubject(
        serviceId,
        changeSetId,
        ownerChangeId,
        reassignmentId,
        encodedRoles,
        from == null ? null : from.value(),
        to == null ? null : to.value());
  }

  /** This subject, with the accounts something went to (a policy's grantees; none: null). */
  public AuditSubject to(Collection<Nic> accounts) {
    if (accounts.isEmpty()) {
      return this;
    }
    return new AuditSubject(
        serviceId,
        changeSetId,
        ownerChangeId,
        reassignmentId,
        roles,
        fromAccount,
        accounts.stream().map(Nic::value).collect(Collectors.joining(",")));
  }
}
