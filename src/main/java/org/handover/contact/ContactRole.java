package org.handover.contact;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The three contact roles of a service, with their reference API names. */
public enum ContactRole {
  admin("contactAdmin"),
  tech("contactTech"),
  billing("contactBilling");

  private final String apiName;

  ContactRole(String apiName) {
    this.apiName = apiName;
  }

  /** The name in the reference API, e.g. {@code contactAdmin}. */
  public String apiName() {
    return apiName;
  }

  public static Optional<ContactRole> fromApiName(String name) {
    return Arrays.stream(values()).filter(r -> r.apiName.equals(name)).findFirst();
  }

  /** Stored form of a set of roles: names in declaration order, comma-separated. */
  public static String encode(Collection<ContactRole> roles) {
    return EnumSet.copyOf(roles).stream().map(Enum::name).collect(Collectors.joining(","));
  }

  public static Set<ContactRole> decode(String stored) {
    EnumSet<ContactRole> roles = EnumSet.noneOf(ContactRole.class);
    for (String part : stored.split(",")) {
      roles.add(valueOf(part.strip()));
    }
    return roles;
  }
}
