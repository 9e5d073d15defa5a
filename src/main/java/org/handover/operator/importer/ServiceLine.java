package org.handover.operator.importer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.handover.catalog.HostedService;
import org.handover.catalog.NewService;
import org.handover.catalog.ServiceKey;
import org.handover.catalog.ServiceNames;
import org.handover.catalog.ServiceType;
import org.handover.contact.ContactRole;
import org.handover.contact.Contacts;
import org.handover.system.Nic;

/** A valid row of the services file. */
record ServiceLine(
    int line,
    ServiceType type,
    String name,
    String displayName,
    HostedService.Status status,
    Instant expiresAt,
    Contacts contacts) {

  static final List<String> FIELDS =
      List.of("type", "name", "admin", "tech", "billing", "displayName", "status", "expiration");

  static final Set<String> REQUIRED = Set.of("type", "name", "admin");

  ServiceKey key() {
    return new ServiceKey(type, name);
  }

  /** The service of a row; {@code fields} collects what is wrong with it. */
  static ServiceLine read(Row row, Fields fields) {
    ServiceType type = fields.oneOf("type", ServiceType.class, null);
    // required, one line, then in its canonical form (lower case, no final dot, punycode)
    String name =
        fields.text("name", 255) == null
            ? null
            : fields.parsed("name", ServiceNames::require, null, "import.service.name.invalid");
    Nic admin = fields.nic("admin", null);
    Nic tech = fields.nic("tech", admin);
    Nic billing = fields.nic("billing", admin);
    String displayName = fields.optionalText("displayName", 255);
    HostedService.Status status =
        fields.oneOf("status", HostedService.Status.class, HostedService.Status.ok);
    Instant expiration =
        fields.parsed("expiration", ServiceLine::instant, null, "import.expiration.invalid");
    if (!fields.ok()) {
      return null;
    }
    return new ServiceLine(
        row.line(),
        type,
        name,
        displayName == null ? name : displayName,
        status,
        expiration,
        new Contacts(admin, tech, billing));
  }

  /** An ISO date (midnight UTC) or date-time (UTC unless it has an offset), to microseconds. */
  static Instant instant(String value) {
    Instant instant;
    if (value.length() == 10) {
      instant = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } else {
      try {
        instant = OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException noOffset) {
        instant = LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
      }
    }
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** The fields in which an existing service differs from this row (empty when the same). */
  List<String> differences(Existing existing) {
    List<String> fields = new ArrayList<>();
    for (ContactRole role : ContactRole.values()) {
      if (!contacts.holder(role).equals(existing.contacts().holder(role))) {
        fields.add(role.name());
      }
    }
    if (!displayName.equals(existing.displayName())) {
      fields.add("displayName");
    }
    if (status != existing.status()) {
      fields.add("status");
    }
    if (!Objects.equals(expiresAt, existing.expiresAt())) {
      fields.add("expiration");
    }
    return fields;
  }

  /** The service to write. */
  NewService toNewService() {
    return new NewService(type, name, displayName, status, expiresAt, contacts, null);
  }

  /** What the database holds for a service of the same type and name. */
  record Existing(
      String displayName, HostedService.Status status, Instant expiresAt, Contacts contacts) {}
}
