package org.handover.access;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.access.AccessErrors.InvalidPolicy;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/**
 * Answers "may this account do this on that service?" for the customer API's check, the panel's
 * Access view and the operator's {@code authorize}, all through {@link AccessRules}. Each answer
 * reads the database once ({@link FactsRepository#facts}); a batch reads it once per distinct
 * account. Nothing is cached, so a revocation on any instance counts at once on every other.
 */
@Component
public class AccessDecisions {

  /** The most checks one batch may hold. */
  public static final int MAX_BATCH = 1_000;

  private final FactsRepository repository;
  private final AccessRules rules;
  private final Urns urns;
  private final Clock clock;

  AccessDecisions(FactsRepository repository, AccessRules rules, Urns urns, Clock clock) {
    this.repository = repository;
    this.rules = rules;
    this.urns = urns;
    this.clock = clock;
  }

  /** One check as the operator sends it: a customer ID, an action, a URN or {@code type/name}. */
  public record Check(String identity, String action, String resource) {}

  /** The answers to the checks, in their order; a malformed check refuses the whole batch. */
  public List<Decision> decideAll(List<Check> checks) {
    if (checks == null || checks.isEmpty() || checks.size() > MAX_BATCH) {
      throw new InvalidPolicy("batch", MAX_BATCH);
    }
    List<Nic> who = new ArrayList<>(checks.size());
    List<ResourceRef> what = new ArrayList<>(checks.size());
    for (int i = 0; i < checks.size(); i++) {
      Check c = checks.get(i);
      if (c == null
          || c.identity() == null
          || !Nic.isValid(c.identity())
          || c.action() == null
          || c.action().isBlank()) {
        throw new InvalidPolicy("check", i);
      }
      who.add(Nic.parse(c.identity()));
      what.add(resource(c.resource()));
    }
    Map<Nic, List<ResourceRef>> byIdentity = new LinkedHashMap<>();
    for (int i = 0; i < checks.size(); i++) {
      byIdentity.computeIfAbsent(who.get(i), k -> new ArrayList<>()).add(what.get(i));
    }
    Map<Nic, FactsRepository.Read> reads = new LinkedHashMap<>();
    byIdentity.forEach((nic, refs) -> reads.put(nic, repository.facts(nic, refs)));
    Instant now = clock.instant();
    List<Decision> out = new ArrayList<>(checks.size());
    for (int i = 0; i < checks.size(); i++) {
      out.add(
          decide(
              who.get(i), checks.get(i).action().strip(), what.get(i), reads.get(who.get(i)), now));
    }
    return out;
  }

  /** One answer: the resource is a URN or {@code type/name}. */
  public Decision decide(Nic identity, String action, String resource) {
    ResourceRef ref = resource(resource);
    return decideEach(identity, ref, List.of(action)).get(action);
  }

  /** The answers for several actions of one account on one service, from one read. */
  public Map<String, Decision> decideEach(
      Nic identity, ResourceRef ref, Collection<String> actions) {
    FactsRepository.Read read = repository.facts(identity, List.of(ref));
    Instant now = clock.instant();
    Map<String, Decision> out = new LinkedHashMap<>();
    for (String action : actions) {
      out.put(action, decide(identity, action, ref, read, now));
    }
    return out;
  }

  /** The service named by a URN or {@code type/name}; a glob or anything else is bad input. */
  public ResourceRef service(String text) {
    return resource(text);
  }

  private ResourceRef resource(String text) {
    return urns.resource(text)
        .filter(r -> !r.isGlob())
        .orElseThrow(() -> new InvalidPolicy("resourceText", String.valueOf(text)));
  }

  private Decision decide(
      Nic identity, String action, ResourceRef ref, FactsRepository.Read read, Instant now) {
    AccessFacts facts = read.services().get(ref);
    if (facts == null) {
      facts = new AccessFacts(ref.type(), null, read.identity(), false, List.of());
    }
    return rules.decide(identity, action, facts, now);
  }
}
