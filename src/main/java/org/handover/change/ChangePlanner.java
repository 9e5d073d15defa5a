package org.handover.change;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handover.account.Accounts;
import org.handover.catalog.HostedService;
import org.handover.catalog.ServiceKey;
import org.handover.change.ChangeErrors.OpenRequestConflict;
import org.handover.contact.AccountFacts;
import org.handover.contact.ChangePolicy;
import org.handover.contact.ContactRole;
import org.handover.contact.PlannedChange;
import org.handover.system.HandoverException;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/**
 * Plans change-set items under the rules ({@link ChangePolicy}) and against the open sets, from
 * facts read once per call: every account concerned in one query, the open claims of every service
 * in another.
 */
@Component
class ChangePlanner {

  /** What plans are checked against: the accounts concerned, and each service's open claims. */
  record Facts(ChangePolicy.AccountLookup accounts, Map<Long, Map<ContactRole, Long>> open) {}

  private final ChangeRepository repository;
  private final Accounts accounts;
  private final ChangePolicy policy;

  ChangePlanner(ChangeRepository repository, Accounts accounts, ChangePolicy policy) {
    this.repository = repository;
    this.accounts = accounts;
    this.policy = policy;
  }

  /**
   * Plans the items of each service: per service, the roles whose new contact differs from the
   * holder. With {@code leaveOut}, a refused service is listed as excluded; without, its refusal is
   * thrown.
   */
  SetPreview plan(Nic asker, List<HostedService> chosen, WantedContacts wanted, boolean leaveOut) {
    Facts facts = facts(asker, chosen, wanted);
    Map<ServiceKey, List<PlannedChange>> included = new LinkedHashMap<>();
    List<SetPreview.Excluded> excluded = new ArrayList<>();
    for (HostedService service : chosen) {
      try {
        included.put(key(service), check(asker, service, wanted, facts));
      } catch (HandoverException refused) {
        if (!leaveOut) {
          throw refused;
        }
        excluded.add(new SetPreview.Excluded(key(service), refused));
      }
    }
    return new SetPreview(included, excluded);
  }

  /** Reads the facts for planning these services: their contacts', the asker's and the wanted. */
  Facts facts(Nic asker, List<HostedService> chosen, WantedContacts wanted) {
    Set<Nic> known = new HashSet<>(wanted.contacts());
    known.add(asker);
    ChangePolicy.AccountLookup lookup = lookup(chosen, known);
    return new Facts(
        lookup, repository.openClaimsOf(chosen.stream().map(HostedService::id).toList()));
  }

  /**
   * One service's items under the rules and against its open sets; the refusal is thrown. With
   * nothing to change, the rules name the reason (the contact is already the one asked).
   */
  List<PlannedChange> check(Nic asker, HostedService service, WantedContacts wanted, Facts facts) {
    WantedContacts changes = wanted.changesFrom(service.contacts());
    List<PlannedChange> plans =
        policy.plan(
            asker,
            service.name(),
            service.contacts(),
            (changes.isEmpty() ? wanted : changes).byRole(),
            facts.accounts());
    Map<ContactRole, Long> claims = facts.open().getOrDefault(service.id(), Map.of());
    for (ContactRole role : changes.roles()) {
      if (claims.containsKey(role)) {
        throw new OpenRequestConflict(claims.get(role), role, service.name());
      }
    }
    return plans;
  }

  /** Facts of every contact of these services and of the extra accounts, read in one query. */
  ChangePolicy.AccountLookup lookup(List<HostedService> chosen, Collection<Nic> extra) {
    Set<Nic> nics = new HashSet<>(extra);
    for (HostedService service : chosen) {
      for (ContactRole role : ContactRole.values()) {
        nics.add(service.contacts().holder(role));
      }
    }
    Map<Nic, AccountFacts> facts = new HashMap<>();
    accounts.findAll(nics).forEach((nic, account) -> facts.put(nic, AccountFacts.of(account)));
    return nic -> Optional.ofNullable(facts.get(nic));
  }

  static ServiceKey key(HostedService s) {
    return new ServiceKey(s.type(), s.name());
  }
}
