package org.handover.access;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.handover.catalog.ServiceType;
import org.handover.contact.ContactRole;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delegated access ({@code handover.access.*}): {@code region}, the region of URNs ({@code
 * urn:v1:<region>:…}, default {@code eu}); {@code actions}, per service type, the actions of each
 * category (a type given here replaces that type's default list, see docs/access.md); {@code
 * roles}, the categories each contact role implies (default: admin all, tech READ and OPERATE,
 * billing READ and BILLING).
 */
@ConfigurationProperties("handover.access")
record AccessSettings(
    String region,
    Map<String, Map<AccessCategory, List<String>>> actions,
    Map<ContactRole, List<AccessCategory>> roles) {

  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,16}");

  AccessSettings {
    region = region == null ? "eu" : region.strip();
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException(
          "handover.access.region must be 1 to 16 lowercase letters, digits or dashes: " + region);
    }
    actions = actions == null ? Map.of() : Map.copyOf(actions);
    for (String type : actions.keySet()) {
      if (ServiceType.parse(type).isEmpty()) {
        throw new IllegalArgumentException(
            "handover.access.actions." + type + ": no such service type");
      }
    }
    Map<ContactRole, List<AccessCategory>> merged = new EnumMap<>(ContactRole.class);
    merged.put(ContactRole.admin, List.copyOf(EnumSet.allOf(AccessCategory.class)));
    merged.put(ContactRole.tech, List.of(AccessCategory.READ, AccessCategory.OPERATE));
    merged.put(ContactRole.billing, List.of(AccessCategory.READ, AccessCategory.BILLING));
    if (roles != null) {
      merged.putAll(roles);
    }
    roles = Map.copyOf(merged);
  }

  /** The defaults: region {@code eu}, the built-in catalogue and role table. */
  static AccessSettings defaults() {
    return new AccessSettings(null, null, null);
  }

  /** The configured lists by type, in {@link ServiceType} order. */
  Map<ServiceType, Map<AccessCategory, List<String>>> configuredActions() {
    Map<ServiceType, Map<AccessCategory, List<String>>> byType = new LinkedHashMap<>();
    actions.forEach((type, lists) -> byType.put(ServiceType.parse(type).orElseThrow(), lists));
    return byType;
  }
}
