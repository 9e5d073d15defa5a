package org.handover.operator.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.handover.account.Account;
import org.handover.apiauth.ApiResponses;
import org.handover.audit.AuditEntry;
import org.handover.catalog.HostedService;
import org.handover.change.ContactChange;

/** The JSON shapes of the operator API. */
final class OperatorViews {

  private OperatorViews() {}

  static Map<String, Object> account(Account a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nic", a.nic().value());
    m.put("email", a.email());
    m.put("emailVerified", a.emailVerified());
    m.put("firstName", a.firstName());
    m.put("lastName", a.lastName());
    m.put("organisation", a.organisation());
    m.put("language", a.language().name());
    m.put("state", a.state().name());
    m.put("debt", Map.of("amountCents", a.debtCents(), "currency", a.debtCurrency()));
    m.put("createdAt", ApiResponses.datetime(a.createdAt()));
    return m;
  }

  static Map<String, Object> service(HostedService s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("serviceId", s.id());
    m.put("type", s.type().name());
    m.put("name", s.name());
    m.put("displayName", s.displayName());
    m.put("status", s.status().name());
    m.put("admin", s.contacts().admin().value());
    m.put("tech", s.contacts().tech().value());
    m.put("billing", s.contacts().billing().value());
    m.put("createdAt", ApiResponses.datetime(s.createdAt()));
    m.put("expiration", ApiResponses.datetime(s.expiresAt()));
    return m;
  }

  static Map<String, Object> change(ContactChange c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("serviceType", c.serviceType().name());
    m.put("serviceDomain", c.serviceName());
    m.put("contactTypes", c.roles().stream().sorted().map(r -> r.apiName()).toList());
    m.put("fromAccount", c.from().value());
    m.put("toAccount", c.to().value());
    m.put("askingAccount", c.asker().value());
    m.put("state", c.state().name());
    m.put("dateRequest", ApiResponses.datetime(c.requestedAt()));
    m.put("dateDone", ApiResponses.datetime(c.doneAt()));
    m.put("expiresAt", ApiResponses.datetime(c.expiresAt()));
    m.put("reason", c.reason() == null ? null : c.reason().message(Locale.ENGLISH));
    m.put(
        "parties",
        c.parties().stream()
            .map(
                p -> {
                  Map<String, Object> party = new LinkedHashMap<>();
                  party.put("account", p.nic().value());
                  party.put("status", p.status().name());
                  party.put("answeredAt", ApiResponses.datetime(p.answeredAt()));
                  party.put("failedAttempts", p.failedAttempts());
                  return party;
                })
            .toList());
    return m;
  }

  static Map<String, Object> audit(AuditEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("at", ApiResponses.datetime(e.at()));
    m.put("actorKind", e.actorKind().name());
    m.put("actor", e.actor());
    m.put("action", e.action());
    m.put("serviceId", e.serviceId());
    m.put("changeId", e.changeId());
    m.put("detail", e.detail());
    m.put("clientAddress", e.clientAddress());
    return m;
  }
}
