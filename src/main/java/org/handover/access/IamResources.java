package org.handover.access;

import java.util.List;
import java.util.Locale;
import org.handover.catalog.ServiceType;
import org.handover.system.Messages;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/**
 * What a customer may build policies from: their services as IAM resources (the ones they
 * administer, since only those can be shared) and the action catalogue of a type.
 */
@Component
public class IamResources {

  /** The most resources one answer lists. */
  public static final int MAX_RESOURCES = 10_000;

  private final AccessRepository repository;
  private final ActionCatalogue catalogue;
  private final Urns urns;

  IamResources(AccessRepository repository, ActionCatalogue catalogue, Urns urns) {
    this.repository = repository;
    this.catalogue = catalogue;
    this.urns = urns;
  }

  /** One service as an IAM resource. */
  public record Resource(String id, String urn, String name, String displayName, String type) {}

  /** One action of the catalogue with its category and an English description. */
  public record Action(String action, String category, String description, String resourceType) {}

  public List<Resource> administeredBy(Nic admin) {
    return repository.administered(admin, MAX_RESOURCES).stream()
        .map(
            a ->
                new Resource(
                    String.valueOf(a.id()),
                    urns.of(a.ref()),
                    a.ref().name(),
                    a.displayName(),
                    a.ref().type().name()))
        .toList();
  }

  /** The catalogue of one type; an unknown type is bad input. */
  public List<Action> actions(String resourceType) {
    ServiceType type =
        ServiceType.parse(resourceType == null ? "" : resourceType.strip())
            .orElseThrow(
                () -> new AccessErrors.InvalidPolicy("resourceType", String.valueOf(resourceType)));
    return catalogue.actions(type).stream()
        .map(
            e ->
                new Action(
                    e.action(),
                    e.category().name(),
                    Messages.format(Locale.ENGLISH, "access.category." + e.category().name()),
                    type.name()))
        .toList();
  }

  public Urns urns() {
    return urns;
  }
}
