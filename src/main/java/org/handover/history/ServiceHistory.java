package org.handover.history;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.handover.audit.AuditEntry;
import org.handover.audit.AuditLog;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeQueries;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/**
 * A service's contact and owner history from the audit log, newest first, {@value #PAGE} events a
 * page (keyset: {@code before} = the id of the last event shown). A customer sees it only for a
 * service they hold a role on today, without staff identities or evidence, with links only to the
 * change sets they are a member of; staff see everything.
 */
@Component
public class ServiceHistory {

  /** Events per page. */
  public static final int PAGE = 50;

  private final HostedServices services;
  private final AuditLog audit;
  private final ChangeQueries changes;

  ServiceHistory(HostedServices services, AuditLog audit, ChangeQueries changes) {
    this.services = services;
    this.audit = audit;
    this.changes = changes;
  }

  /**
   * The history a customer may see; {@code ServiceNotFound} for a service they hold no role on,
   * whether or not it exists.
   */
  public HistoryPage forCustomer(Nic viewer, ServiceType type, String name, Long before) {
    HostedService service = services.requireVisibleTo(viewer, type, name);
    HistoryPage all = forStaff(service, before);
    Set<Long> visible =
        changes.setsWithMember(
            viewer,
            all.entries().stream()
                .map(HistoryEntry::setId)
                .filter(Objects::nonNull)
                .distinct()
                .toList());
    return new HistoryPage(
        service,
        all.entries().stream().map(e -> e.forCustomer(visible)).toList(),
        all.nextBefore());
  }

  /** The whole history, for staff. */
  public HistoryPage forStaff(HostedService service, Long before) {
    List<AuditEntry> rows =
        audit.forService(
            service.id(), HistoryEvents.ACTIONS, HistoryEvents.PREFIXES, before, PAGE + 1);
    boolean more = rows.size() > PAGE;
    List<AuditEntry> shown = more ? rows.subList(0, PAGE) : rows;
    return new HistoryPage(
        service,
        shown.stream().map(HistoryEvents::read).toList(),
        more ? shown.get(shown.size() - 1).id() : null);
  }
}
