package org.handover.owner;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.handover.catalog.DomainOwner;
import org.handover.catalog.HostedServices;
import org.handover.change.ChangeSettings;
import org.handover.owner.OwnerErrors.TooManyOwnerCodes;
import org.handover.owner.OwnerErrors.WrongOwnerCode;
import org.handover.system.Actor;
import org.handover.system.ConfirmationCode;
import org.handover.system.HandoverProperties;
import org.handover.system.Throttle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A registrant answers from the public page, with the link and code of their email. An unknown link
 * and a wrong code get the same refusal; both are counted against the client address, and a wrong
 * code against the registrant's code (committed before the refusal). The last acceptance replaces
 * the owner record, with the transfer lock when the provider sets one.
 *
 * <p>Errors: {@link TooManyOwnerCodes} (the address failed too often), {@link WrongOwnerCode}
 * (unknown link, wrong, used or void code), {@code OwnerChangeEnded}, {@code InvalidReason}.
 */
@Component
class OwnerChangeAnswers {

  private final OwnerChangeRepository repository;
  private final HostedServices services;
  private final OwnerChangeEffects effects;
  private final Throttle throttle;
  private final HandoverProperties properties;
  private final ChangeSettings changeSettings;
  private final OwnerChangeSettings settings;
  private final Clock clock;
  private final TransactionTemplate tx;

  OwnerChangeAnswers(
      OwnerChangeRepository repository,
      HostedServices services,
      OwnerChangeEffects effects,
      Throttle throttle,
      HandoverProperties properties,
      ChangeSettings changeSettings,
      OwnerChangeSettings settings,
      Clock clock,
      TransactionTemplate tx) {
    this.repository = repository;
    this.services = services;
    this.effects = effects;
    this.throttle = throttle;
    this.properties = properties;
    this.changeSettings = changeSettings;
    this.settings = settings;
    this.clock = clock;
    this.tx = tx;
  }

  OwnerChange answer(
      String link, String code, boolean accept, String reason, String clientAddress) {
    String key = "owner-code:" + clientAddress;
    if (throttle.isBlocked(key, properties.security().addressFailures())) {
      throw new TooManyOwnerCodes();
    }
    String why = accept ? null : OwnerChangeEnding.optionalReason(reason);
    Optional<Map.Entry<Long, Registrant>> target =
        link == null || link.length() > 100
            ? Optional.empty()
            : repository.byLink(ConfirmationCode.digestOf(link));
    if (target.isEmpty()) {
      throttle.record(key);
      throw new WrongOwnerCode();
    }
    Actor visitor = Actor.visitor(clientAddress);
    Answered result =
        tx.execute(
            s -> {
              OwnerChange c = repository.lock(target.get().getKey()).orElseThrow();
              OwnerChange.Outcome outcome =
                  c.answer(
                      target.get().getValue(),
                      code == null ? "" : code,
                      accept,
                      why,
                      clock.instant(),
                      changeSettings.maxCodeFailures());
              repository.update(c);
              if (outcome == OwnerChange.Outcome.ALL_ACCEPTED) {
                apply(c);
              }
              effects.emit(c, visitor);
              return new Answered(c, outcome);
            });
    if (result.outcome() == OwnerChange.Outcome.WRONG_CODE) {
      throttle.record(key);
      throw new WrongOwnerCode();
    }
    return result.change();
  }

  /** What one answer did, decided inside its transaction. */
  private record Answered(OwnerChange change, OwnerChange.Outcome outcome) {}

  /** Replaces the owner record, with the transfer lock when the provider sets one. */
  private void apply(OwnerChange c) {
    services.lock(c.serviceId());
    Instant now = clock.instant();
    Instant lockedUntil = settings.lock().map(now::plus).orElse(null);
    DomainOwner after = c.after();
    services.replaceOwner(
        c.serviceId(),
        new DomainOwner(
            after.name(),
            after.organisation(),
            after.email(),
            after.address(),
            after.phone(),
            null,
            lockedUntil));
    c.applied(now, lockedUntil);
    repository.update(c);
  }
}
