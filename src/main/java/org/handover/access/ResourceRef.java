package org.handover.access;

import org.handover.catalog.ServiceType;

/**
 * A service a policy reaches, or with name {@value #EVERY} every service of its type that the
 * policy's owner administers.
 */
public record ResourceRef(ServiceType type, String name) {

  static final String EVERY = "*";

  public boolean isGlob() {
    return EVERY.equals(name);
  }

  /** Whether this reference reaches the named service (of an owner who administers it). */
  boolean reaches(ServiceType serviceType, String serviceName) {
    return type == serviceType && (isGlob() || name.equals(serviceName));
  }
}
