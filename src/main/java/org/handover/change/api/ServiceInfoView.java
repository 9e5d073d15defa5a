package org.handover.change.api;

import org.handover.apiauth.ApiResponses;
import org.handover.catalog.HostedService;

/** {@code GET /{prefix}/{name}/serviceInfos}, as the reference API shapes it (dates as days). */
record ServiceInfoView(
    long serviceId,
    String domain,
    String contactAdmin,
    String contactTech,
    String contactBilling,
    String creation,
    String expiration,
    String status,
    String renewalType) {

  static ServiceInfoView of(HostedService s) {
    return new ServiceInfoView(
        s.id(),
        s.name(),
        s.contacts().admin().value(),
        s.contacts().tech().value(),
        s.contacts().billing().value(),
        ApiResponses.date(s.createdAt()),
        ApiResponses.date(s.expiresAt()),
        s.status().name(),
        "manual");
  }
}
