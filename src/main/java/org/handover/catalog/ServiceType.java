package org.handover.catalog;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Service categories, each with its route prefix in the reference API. */
public enum ServiceType {
  domain("domain"),
  hosting("hosting/web"),
  vps("vps"),
  dedicated("dedicated/server"),
  email("email/domain"),
  zone("domain/zone"),
  database("hosting/privateDatabase"),
  cloud("cloud/project");

  private final String apiPrefix;

  ServiceType(String apiPrefix) {
    this.apiPrefix = apiPrefix;
  }

  /** The API route prefix, e.g. {@code hosting/web}. */
  public String apiPrefix() {
    return apiPrefix;
  }

  public static Optional<ServiceType> fromApiPrefix(String prefix) {
    return Arrays.stream(values()).filter(t -> t.apiPrefix.equals(prefix)).findFirst();
  }

  /** Every type's name, for messages that name the accepted values: "domain, hosting, …". */
  public static String names() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }

  /** The type for a name such as {@code vps}; empty when unknown. */
  public static Optional<ServiceType> parse(String name) {
    return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
  }
}
