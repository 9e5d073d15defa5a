package org.handover.reassignment;

import java.util.List;
import java.util.Optional;
import org.handover.account.Accounts;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.contact.AccountFacts;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/** What the reassignment steps read of a case's services and accounts as they are now. */
@Component
class CaseServices {

  private final HostedServices services;
  private final Accounts accounts;

  CaseServices(HostedServices services, Accounts accounts) {
    this.services = services;
    this.accounts = accounts;
  }

  /** The case's services that still exist, as they are now. */
  List<HostedService> current(ReassignmentCase c) {
    return c.items().stream()
        .map(i -> services.find(i.serviceId()))
        .flatMap(Optional::stream)
        .toList();
  }

  /** Whether the account holds a role on one of the services. */
  static boolean isCurrentContact(Nic nic, List<HostedService> services) {
    return services.stream().anyMatch(s -> !s.contacts().rolesOf(nic).isEmpty());
  }

  /** What the rules table needs to know of an account, if it exists. */
  Optional<AccountFacts> facts(Nic nic) {
    return accounts.find(nic).map(AccountFacts::of);
  }
}
