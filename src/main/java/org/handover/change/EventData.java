package org.handover.change;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.handover.contact.ContactRole;

/** The data of a request as events and webhooks carry it (reference API field names). */
final class EventData {

  private EventData() {}

  static Map<String, Object> of(ContactChange c) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", c.id());
    data.put("serviceType", c.serviceType().name());
    data.put("serviceDomain", c.serviceName());
    data.put("contactTypes", c.roles().stream().sorted().map(ContactRole::apiName).toList());
    data.put("fromAccount", c.from().value());
    data.put("toAccount", c.to().value());
    data.put("askingAccount", c.asker().value());
    data.put("state", c.state().name());
    data.put("dateRequest", c.requestedAt().toString());
    data.put("dateDone", c.doneAt() == null ? null : c.doneAt().toString());
    data.put("expiresAt", c.expiresAt().toString());
    data.put("reason", c.reason() == null ? null : c.reason().message(Locale.ENGLISH));
    return data;
  }
}
