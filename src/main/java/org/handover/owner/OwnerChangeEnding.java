package org.handover.owner;

import java.time.Clock;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.HostedServices.ServiceNotFound;
import org.handover.catalog.ServiceType;
import org.handover.contact.ChangePolicy;
import org.handover.owner.OwnerErrors.InvalidReason;
import org.handover.owner.OwnerErrors.NoOpenOwnerChange;
import org.handover.system.Actor;
import org.handover.system.TextRules;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The open change of a domain ends before it is answered: its administrator cancels it, or an
 * operator aborts it with a reason. Nothing changes on the domain; everyone is told.
 *
 * <p>Errors: {@code ServiceNotFound}, {@code PolicyViolation} (a customer who is not the
 * administrator), {@link NoOpenOwnerChange}, {@link InvalidReason}, {@code OwnerChangeEnded}.
 */
@Component
class OwnerChangeEnding {

  private static final int MAX_REASON = 500;

  private final OwnerChangeRepository repository;
  private final HostedServices services;
  private final ChangePolicy policy;
  private final OwnerChangeEffects effects;
  private final Clock clock;

  OwnerChangeEnding(
      OwnerChangeRepository repository,
      HostedServices services,
      ChangePolicy policy,
      OwnerChangeEffects effects,
      Clock clock) {
    this.repository = repository;
    this.services = services;
    this.policy = policy;
    this.effects = effects;
    this.clock = clock;
  }

  @Transactional
  public OwnerChange cancel(Actor actor, String domain) {
    HostedService service = services.requireVisibleTo(actor.nic(), ServiceType.domain, domain);
    policy.onlyAdminEditsOwner(actor.nic(), service.name(), service.contacts());
    return end(actor, service, null);
  }

  @Transactional
  public OwnerChange abort(Actor operator, String domain, String reason) {
    HostedService service =
        services
            .find(ServiceType.domain, domain)
            .orElseThrow(() -> new ServiceNotFound(ServiceType.domain, domain));
    return end(operator, service, requireReason(reason));
  }

  private OwnerChange end(Actor actor, HostedService service, String why) {
    long id =
        repository.openOn(service.id()).orElseThrow(() -> new NoOpenOwnerChange(service.name()));
    OwnerChange c = repository.lock(id).orElseThrow();
    c.cancel(why, clock.instant());
    repository.update(c);
    effects.emit(c, actor);
    return c;
  }

  /** A reason given with a refusal, if any. */
  static String optionalReason(String reason) {
    if (reason == null || reason.isBlank()) {
      return null;
    }
    return requireReason(reason);
  }

  private static String requireReason(String reason) {
    if (reason == null || reason.isBlank() || !TextRules.isMultiLine(reason.strip(), MAX_REASON)) {
      throw new InvalidReason();
    }
    return reason.strip();
  }
}
