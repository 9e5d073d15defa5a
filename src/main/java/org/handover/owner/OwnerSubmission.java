package org.handover.owner;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.catalog.DomainOwner;
import org.handover.catalog.HostedService;
import org.handover.catalog.HostedServices;
import org.handover.catalog.ServiceType;
import org.handover.change.ChangeSettings;
import org.handover.contact.ChangePolicy;
import org.handover.owner.OwnerChanges.Submitted;
import org.handover.owner.OwnerErrors.NothingToChange;
import org.handover.owner.OwnerErrors.OwnerChangeAlreadyOpen;
import org.handover.system.Actor;
import org.handover.system.ConfirmationCode;
import org.handover.system.FieldTooLong;
import org.handover.system.TextRules;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administrator sends the owner record they want. A new name, organisation or email opens an
 * owner change both registrants must confirm; an address or phone correction (or a domain's first
 * owner record) applies at once. Either way the people concerned are emailed.
 *
 * <p>Errors: {@code ServiceNotFound} (the domain is not visible to the caller), {@code
 * PolicyViolation} (the caller is not its administrator), {@code FieldTooLong} (a field longer than
 * the form allows, named with its limit), {@code InvalidOwner} (a field missing or malformed),
 * {@link OwnerChangeAlreadyOpen}, {@link NothingToChange}.
 */
@Component
class OwnerSubmission {

  private final OwnerChangeRepository repository;
  private final HostedServices services;
  private final Accounts accounts;
  private final ChangePolicy policy;
  private final OwnerChangeEffects effects;
  private final ChangeSettings settings;
  private final Clock clock;

  OwnerSubmission(
      OwnerChangeRepository repository,
      HostedServices services,
      Accounts accounts,
      ChangePolicy policy,
      OwnerChangeEffects effects,
      ChangeSettings settings,
      Clock clock) {
    this.repository = repository;
    this.services = services;
    this.accounts = accounts;
    this.policy = policy;
    this.effects = effects;
    this.settings = settings;
    this.clock = clock;
  }

  @Transactional
  public Submitted submit(Actor actor, String domain, DomainOwner typed) {
    // validate and load
    HostedService visible = services.requireVisibleTo(actor.nic(), ServiceType.domain, domain);
    HostedService service = services.lock(visible.id());
    policy.onlyAdminEditsOwner(actor.nic(), service.name(), service.contacts());
    requireLengths(typed);
    DomainOwner wanted = normalised(typed);
    HostedServices.requireValidOwner(wanted);
    Account admin = accounts.require(actor.nic());
    // verify: while a change is open the record stays as it is (a correction now would be undone,
    // or silently kept, when the change is applied)
    Optional<Long> open = repository.openOn(service.id());
    if (open.isPresent()) {
      throw new OwnerChangeAlreadyOpen(open.get(), service.name());
    }
    Optional<DomainOwner> current = services.ownerOf(service.id());
    if (current.isEmpty() || !current.get().changesRegistrant(wanted)) {
      return new Submitted(Optional.empty(), correct(actor, service, current, wanted, admin));
    }
    return new Submitted(Optional.of(open(actor, service, current.get(), wanted)), wanted);
  }

  private DomainOwner correct(
      Actor actor,
      HostedService service,
      Optional<DomainOwner> current,
      DomainOwner wanted,
      Account admin) {
    DomainOwner before = current.orElse(null);
    if (before != null
        && Objects.equals(before.address(), wanted.address())
        && Objects.equals(before.phone(), wanted.phone())) {
      throw new NothingToChange(service.name());
    }
    DomainOwner stored =
        new DomainOwner(
            before == null ? wanted.name() : before.name(),
            before == null ? wanted.organisation() : before.organisation(),
            before == null ? wanted.email() : before.email(),
            wanted.address(),
            wanted.phone(),
            null,
            before == null ? null : before.transferLockedUntil());
    services.replaceOwner(service.id(), stored);
    effects.corrected(actor, service, before, stored, admin);
    return stored;
  }

  private OwnerChange open(
      Actor actor, HostedService service, DomainOwner current, DomainOwner wanted) {
    Instant now = clock.instant();
    List<OwnerChangeRepository.NewParty> parties = new ArrayList<>();
    List<OwnerEvent.Code> codes = new ArrayList<>();
    for (Registrant r : OwnerChange.partiesFor(current, wanted)) {
      String link = ConfirmationCode.generate().text().replace("-", "");
      ConfirmationCode code = ConfirmationCode.generate();
      String email = r == Registrant.current ? current.email() : wanted.email();
      parties.add(
          new OwnerChangeRepository.NewParty(
              r, email, ConfirmationCode.digestOf(link), code.digest()));
      codes.add(new OwnerEvent.Code(r, link, code.text()));
    }
    long id =
        repository.insert(
            service.id(), actor.nic(), current, wanted, now, now.plus(settings.expiry()), parties);
    OwnerChange c = repository.find(id).orElseThrow();
    c.requested(codes);
    effects.emit(c, actor);
    return c;
  }

  private static DomainOwner normalised(DomainOwner o) {
    return DomainOwner.of(
        strip(o.name()),
        blankToNull(o.organisation()),
        strip(o.email()),
        strip(o.address()),
        blankToNull(o.phone()));
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** The limits the owner form's {@code maxlength} shows, each refused with its field's label. */
  private static void requireLengths(DomainOwner typed) {
    FieldTooLong.check("owner.name", typed.name(), TextRules.ORGANISATION);
    FieldTooLong.check("field.organisation", typed.organisation(), TextRules.ORGANISATION);
    FieldTooLong.check("signup.email", typed.email(), TextRules.EMAIL);
    FieldTooLong.check("owner.address", typed.address(), TextRules.LONG_TEXT);
    FieldTooLong.check("field.phone", typed.phone(), 40);
  }
}
