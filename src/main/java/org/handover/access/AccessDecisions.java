package org.handover.access;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.handover.access.AccessErrors.InvalidPolicy;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;

/**
 * Answers "may this account do this on that service?" for the customer API's check, the panel's
 * Access view and the operator's {@code authorize}, all through {@link AccessRules}. An answer, or
 * a whole batch of them, reads the database at most once ({@link FactsRepository#facts}, one
 * statement for every distinct (account, service) pair not in {@link NearFacts}): a revocation
 * counts at once on the instance that made it, and on every other within the near cache's time to
 * live (one second by default).
 */
@Component
public class AccessDecisions {

  /** The most checks one batch may hold. */
  public static final int MAX_BATCH = 1_000;

  private final NearFacts repository;
  private final AccessRules rules;
  private final Urns urns;
  private final Clock clock;

  AccessDecisions(NearFacts repository, AccessRules rules, Urns urns, Clock clock) {
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
    List<FactsRepository.Key> keys = new ArrayList<>(checks.size());
    for (int i = 0; i < checks.size(); i++) {
      Check c = checks.get(i);
      if (c == null
          || c.identity() == null
          || !Nic.isValid(c.identity())
          || c.action() == null
          || c.action().isBlank()) {
        throw new InvalidPolicy("check", i);
      }
      keys.add(new FactsRepository.Key(Nic.parse(c.identity()), resource(c.resource())));
    }
    Map<FactsRepository.Key, AccessFacts> facts = repository.facts(new LinkedHashSet<>(keys));
    Instant now = clock.instant();
    List<Decision> out = new ArrayList<>(checks.size());
    for (int i = 0; i < checks.size(); i++) {
      FactsRepository.Key key = keys.get(i);
      out.add(rules.decide(key.identity(), checks.get(i).action().strip(), facts.get(key), now));
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
    FactsRepository.Key key = new FactsRepository.Key(identity, ref);
    AccessFacts facts = repository.facts(List.of(key)).get(key);
    Instant now = clock.instant();
    Map<String, Decision> out = new LinkedHashMap<>();
    for (String action : actions) {
      out.put(action, rules.decide(identity, action, facts, now));
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
}
