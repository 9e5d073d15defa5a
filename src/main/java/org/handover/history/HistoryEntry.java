package org.handover.history;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.handover.contact.ContactRole;

/**
 * One event of a service's contact or owner history, read from an audit row: what happened ({@link
 * #action}), the roles and the accounts it moved, who acted, and the change set or support case
 * behind it. {@link #staffActor} and {@link #detail} are for staff only; {@link #forCustomer} drops
 * them.
 *
 * @param by who acted, as a customer may be told: a customer, support or Handover itself
 * @param byNic the customer who acted, when {@code by} is {@link By#customer}
 * @param setId the change set behind the event, when the viewer may open it
 * @param staffActor the staff person or operator system that acted (staff view only)
 * @param detail the audit row's detail, with the evidence reference of a case (staff view only)
 */
public record HistoryEntry(
    long id,
    Instant at,
    String action,
    Set<ContactRole> roles,
    String from,
    String to,
    By by,
    String byNic,
    Long setId,
    Long caseId,
    String staffActor,
    String detail) {

  /** Who acted, in the words a customer sees. */
  public enum By {
    customer,
    support,
    system
  }

  /** Message key of this event's label; every {@code owner.*} action has at least a generic one. */
  public String labelKey() {
    return "history.action." + (HistoryEvents.LABELLED.contains(action) ? action : "owner");
  }

  /** The roles in the reference API's names ({@code contactAdmin}, …). */
  public List<String> roleNames() {
    return roles.stream().map(ContactRole::apiName).toList();
  }

  /**
   * What a customer sees: no staff identity, no evidence, a set link only when they are a member.
   */
  HistoryEntry forCustomer(Set<Long> visibleSets) {
    return new HistoryEntry(
        id,
        at,
        action,
        roles,
        from,
        to,
        by,
        by == By.customer ? byNic : null,
        setId != null && visibleSets.contains(setId) ? setId : null,
        caseId,
        null,
        null);
  }
}
