package org.handover.access;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.handover.access.AccessErrors.GranteeRenounced;
import org.handover.access.AccessErrors.NoSuchPolicy;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access policies, as their owners and grantees handle them: create, change, revoke, read, and a
 * grantee's renouncing of their part. Each step runs in one transaction with its audit rows and
 * emails ({@link AccessNotices}). Only the owner sees or changes a policy; anyone else is told
 * there is no such policy.
 */
@Component
public class Policies {

  private final AccessRepository repository;
  private final PolicyChecks checks;
  private final AccessNotices notices;
  private final Clock clock;

  Policies(AccessRepository repository, PolicyChecks checks, AccessNotices notices, Clock clock) {
    this.repository = repository;
    this.checks = checks;
    this.notices = notices;
    this.clock = clock;
  }

  /** Creates a policy owned by the acting customer, who must administer every named service. */
  @Transactional
  public Policy create(Actor actor, PolicyDraft draft) {
    Instant now = clock.instant();
    Policy p = checks.check(actor.nic(), draft, UUID.randomUUID().toString(), now, now);
    repository.insert(p);
    notices.tell(AccessEvent.granted, p, p.grantees(), p.resources(), actor);
    return p;
  }

  /**
   * Replaces a policy's fields (PUT): grantees and resources no longer listed are removed, new ones
   * added; a grantee who renounced cannot be granted again by a change.
   */
  @Transactional
  public Policy update(Actor actor, String id, PolicyDraft draft) {
    Policy old = owned(actor.nic(), id);
    Instant now = clock.instant();
    Policy p = checks.check(actor.nic(), draft, id, old.createdAt(), now);
    for (Nic nic : p.grantees()) {
      if (!old.grantees().contains(nic) && repository.endedGrantee(id, nic).isPresent()) {
        throw new GranteeRenounced(nic.value());
      }
    }
    repository.update(p);
    List<Nic> removed = new ArrayList<>(old.grantees());
    removed.removeAll(p.grantees());
    removed.forEach(nic -> repository.removeGrantee(id, nic));
    p.grantees().stream()
        .filter(nic -> !old.grantees().contains(nic))
        .forEach(nic -> repository.addGrantee(id, nic));
    old.resources().stream()
        .filter(r -> !p.resources().contains(r))
        .forEach(r -> repository.removeResource(id, r));
    p.resources().stream()
        .filter(r -> !old.resources().contains(r))
        .forEach(r -> repository.addResource(id, r));
    if (!removed.isEmpty()) {
      notices.tell(AccessEvent.revoked, old, removed, old.resources(), actor);
    }
    List<Nic> added = p.grantees().stream().filter(n -> !old.grantees().contains(n)).toList();
    List<Nic> kept = p.grantees().stream().filter(old.grantees()::contains).toList();
    if (!added.isEmpty()) {
      notices.tell(AccessEvent.granted, p, added, p.resources(), actor);
    }
    if (!kept.isEmpty()) {
      notices.tell(AccessEvent.changed, p, kept, p.resources(), actor);
    }
    return repository.find(id).orElseThrow();
  }

  /** Revokes a policy (DELETE): it grants nothing from now on. */
  @Transactional
  public void revoke(Actor actor, String id) {
    Policy p = owned(actor.nic(), id);
    if (!repository.end(id, "revoked", clock.instant())) {
      throw new NoSuchPolicy(id);
    }
    notices.tell(AccessEvent.revoked, p, p.grantees(), p.resources(), actor);
  }

  /** A grantee gives up their part of a policy; the others keep theirs. */
  @Transactional
  public void renounce(Actor actor, String id) {
    Nic me = actor.nic();
    Policy p =
        repository
            .find(id)
            .filter(x -> x.endedAt() == null && x.grantees().contains(me))
            .orElseThrow(() -> new NoSuchPolicy(id));
    if (!repository.endGrantee(id, me, "renounced", clock.instant())) {
      throw new NoSuchPolicy(id);
    }
    notices.tell(AccessEvent.renounced, p, List.of(me), p.resources(), actor);
  }

  /** One live policy of the owner. */
  public Policy owned(Nic owner, String id) {
    return repository
        .find(id)
        .filter(p -> p.owner().equals(owner) && p.endedAt() == null)
        .orElseThrow(() -> new NoSuchPolicy(id));
  }

  /** The owner's live policies, oldest first. */
  public List<Policy> ownedBy(Nic owner) {
    return repository.ownedBy(owner);
  }

  /** The live policies granting this account something, oldest first. */
  public List<Policy> grantedTo(Nic grantee) {
    return repository.grantedTo(grantee);
  }
}
