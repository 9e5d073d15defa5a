package org.handover.access;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.catalog.ServiceNames;
import org.handover.catalog.ServiceType;
import org.handover.system.Nic;

/**
 * The reference IAM's names: accounts are {@code urn:v1:<region>:identity:account:<customer ID>},
 * services {@code urn:v1:<region>:resource:<type>:<name>} with Handover's type names ({@code
 * domain}, {@code hosting}, {@code vps}…) and {@code *} for every service of a type.
 */
public final class Urns {

  private static final Pattern RESOURCE =
      Pattern.compile("urn:v1:([a-z0-9-]+):resource:([a-zA-Z]+):(.+)");
  private static final Pattern IDENTITY =
      Pattern.compile("urn:v1:([a-z0-9-]+):identity:account:(.+)");

  private final String region;

  Urns(String region) {
    this.region = region;
  }

  String region() {
    return region;
  }

  /** The URN of an account. */
  public String of(Nic nic) {
    return "urn:v1:" + region + ":identity:account:" + nic.value();
  }

  /** The URN of a service, or of every service of a type. */
  public String of(ResourceRef ref) {
    return "urn:v1:" + region + ":resource:" + ref.type().name() + ":" + ref.name();
  }

  /** The account a URN names; empty when it is not an account URN of this region. */
  Optional<Nic> identity(String urn) {
    Matcher m = urn == null ? null : IDENTITY.matcher(urn.strip());
    if (m == null || !m.matches() || !m.group(1).equals(region) || !Nic.isValid(m.group(2))) {
      return Optional.empty();
    }
    return Optional.of(Nic.parse(m.group(2)));
  }

  /**
   * The service a URN names, or (for the operator's convenience) a {@code type/name} pair; empty
   * when it is neither, names another region, an unknown type or a name no service can have.
   */
  Optional<ResourceRef> resource(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip();
    String type;
    String name;
    Matcher m = RESOURCE.matcher(t);
    if (m.matches()) {
      if (!m.group(1).equals(region)) {
        return Optional.empty();
      }
      type = m.group(2);
      name = m.group(3);
    } else {
      int slash = t.indexOf('/');
      if (slash <= 0 || t.startsWith("urn:")) {
        return Optional.empty();
      }
      type = t.substring(0, slash);
      name = t.substring(slash + 1);
    }
    Optional<ServiceType> kind = ServiceType.parse(type);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    if (ResourceRef.EVERY.equals(name)) {
      return Optional.of(new ResourceRef(kind.get(), name));
    }
    return ServiceNames.canonical(name).map(n -> new ResourceRef(kind.get(), n));
  }
}
