package org.handover.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.system.FactsEpoch;
import org.springframework.stereotype.Component;

/**
 * The facts of recent decisions kept in memory, in front of {@link FactsRepository}: a pair read
 * less than {@link DecisionCacheSettings#cacheTtl} ago (counted from before its statement ran) is
 * answered without the database, unless this instance wrote a fact since ({@link FactsEpoch} moved:
 * every write of accounts' state, services' contacts or policies moves it, so this instance sees
 * its own revocations at once). Another instance's writes count here once the time to live has run
 * out — one second by default — whatever path wrote them, even plain SQL: nothing has to remember
 * to tell this cache. The pairs not kept are read together in the repository's one statement.
 * Expiry of policies is judged at each decision's own instant, never cached.
 */
@Component
class NearFacts {

  private record Kept(AccessFacts facts, long readAt, long epoch) {}

  private final FactsRepository repository;
  private final FactsEpoch epoch;
  private final long ttlNanos;
  private final Cache<FactsRepository.Key, Kept> kept;

  NearFacts(FactsRepository repository, FactsEpoch epoch, DecisionCacheSettings settings) {
    this.repository = repository;
    this.epoch = epoch;
    this.ttlNanos = settings.cacheTtl().toNanos();
    this.kept =
        settings.enabled()
            ? Caffeine.newBuilder()
                .maximumSize(settings.cacheSize())
                .expireAfterWrite(settings.cacheTtl())
                .build()
            : null;
  }

  /** The facts of every pair, in their order: those kept and still valid, the others read. */
  Map<FactsRepository.Key, AccessFacts> facts(Collection<FactsRepository.Key> keys) {
    if (kept == null) {
      return repository.facts(keys);
    }
    long now = System.nanoTime();
    long seen = epoch.current();
    Map<FactsRepository.Key, AccessFacts> out = new LinkedHashMap<>();
    List<FactsRepository.Key> missing = new ArrayList<>(keys.size());
    for (FactsRepository.Key key : keys) {
      Kept k = kept.getIfPresent(key);
      if (k != null && k.epoch == seen && now - k.readAt < ttlNanos) {
        out.put(key, k.facts);
      } else {
        out.put(key, null);
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      Map<FactsRepository.Key, AccessFacts> read = repository.facts(missing);
      read.forEach(
          (key, facts) -> {
            out.put(key, facts);
            kept.put(key, new Kept(facts, now, seen));
          });
    }
    return out;
  }
}
