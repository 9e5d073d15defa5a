package org.handover.change;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.handover.change.ChangeErrors.ChangeClosed;
import org.handover.change.ChangeErrors.ChangeNotFound;
import org.handover.change.ChangeErrors.CodeAlreadyUsed;
import org.handover.system.Actor;
import org.handover.system.InsertPart;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one door of the change-set aggregate: loads a set whole, and saves what a step did to it in
 * one call — its columns, its parties (an answer consumes its code, a failure or a new code
 * rewrites the party), its roles released and unused codes voided once it ends, and its effects
 * through {@link ChangeEffects} — in the caller's transaction.
 */
@Repository
class ChangeSets {

  private final JdbcClient jdbc;
  private final NewSets newSets;
  private final ChangeSetRows rows;
  private final ChangeEffects effects;
  private final ChangeSettings settings;

  ChangeSets(
      JdbcClient jdbc,
      NewSets newSets,
      ChangeSetRows rows,
      ChangeEffects effects,
      ChangeSettings settings) {
    this.jdbc = jdbc;
    this.newSets = newSets;
    this.rows = rows;
    this.effects = effects;
    this.settings = settings;
  }

  Optional<ChangeSet> find(long id) {
    return rows.find(id, false);
  }

  /** Reads a set under a lock held for the rest of the transaction (its own read locks it). */
  @Transactional(propagation = Propagation.MANDATORY)
  Optional<ChangeSet> lock(long id) {
    return rows.find(id, true);
  }

  /** Locks a set the account is a member of; {@link ChangeNotFound} for anyone else. */
  @Transactional(propagation = Propagation.MANDATORY)
  ChangeSet lockInvolving(Nic nic, long id) {
    return lock(id).filter(c -> c.involves(nic)).orElseThrow(() -> new ChangeNotFound(id));
  }

  /**
   * A set found past its deadline by a step is expired first: saved, then {@link ChangeClosed} —
   * which the step's transaction commits ({@code noRollbackFor}). Not itself transactional: a
   * refusal passing a transactional proxy would mark the step's transaction rollback-only.
   */
  void refuseIfExpired(ChangeSet set, Instant now) {
    if (set.isPastExpiry(now)) {
      set.expire(now);
      save(set, Actor.system());
      throw new ChangeClosed(set.id(), ChangeState.expired);
    }
  }

  /**
   * Writes a new set, already awaiting its parties, with its items, parties, members and the claims
   * on its roles (a claim already held fails the insert: unique key), then its effects; the
   * parties, members and claims are written in the one statement of the step's emails and audit
   * rows ({@link ChangeEffects}).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  ChangeSet insert(ChangeSet set, Actor actor, Instant now) {
    set.awaitCustomers(nextReminderAfter(set.expiresAt(), now));
    List<InsertPart> rows = newSets.insert(set);
    set.drainPartyWrites(); // a new set's parties are written whole, with their codes
    effects.emit(set, actor, rows);
    return set;
  }

  /**
   * Saves what a step did: consumes the code of each party that answered (only if still unused:
   * {@link CodeAlreadyUsed} when another submission consumed it first), rewrites the parties whose
   * code bookkeeping changed, writes the set's columns, releases its roles and voids its unused
   * codes once it ends, then applies the effects of its events.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  void save(ChangeSet set, Actor actor) {
    SetParties.Writes parties = set.drainPartyWrites();
    for (Party answered : parties.answered()) {
      if (!consumeCode(set.id(), answered)) {
        throw new CodeAlreadyUsed(set.id());
      }
    }
    parties.rewritten().forEach(p -> rewriteParty(set.id(), p));
    jdbc.sql(
            """
            update change_sets set state = ?, done_at = ?, next_reminder_at = ?, reason = ?
            where id = ?""")
        .params(
            set.state().name(),
            Sql.ts(set.doneAt()),
            Sql.ts(set.nextReminderAt()),
            set.reason() == null ? null : set.reason().encode(),
            set.id())
        .update();
    if (set.state().isFinal()) {
      releaseClaims(set.id());
      voidUnusedCodes(set.id());
    }
    effects.emit(set, actor, List.of());
  }

  /** When the next reminder is due after {@code t}, or null when none is left. */
  Instant nextReminderAfter(Instant expiresAt, Instant t) {
    List<Duration> offsets = settings.reminderOffsets();
    return offsets.stream()
        .map(expiresAt::minus)
        .filter(at -> at.isAfter(t))
        .min(Instant::compareTo)
        .orElse(null);
  }

  /**
   * Removes a service's items from the ended sets (before the service itself is deleted), and the
   * sets left without items; a set that also holds other services keeps their items.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  void purgeEnded(long serviceId) {
    List<Long> sets =
        jdbc.sql("select distinct set_id from contact_changes where service_id = ?")
            .param(serviceId)
            .query(Long.class)
            .list();
    jdbc.sql("delete from contact_changes where service_id = ?").param(serviceId).update();
    if (sets.isEmpty()) {
      return;
    }
    List<Long> empty =
        jdbc.sql(
                "select s.id from change_sets s where s.id in (:ids) and not exists"
                    + " (select 1 from contact_changes c where c.set_id = s.id)")
            .param("ids", sets)
            .query(Long.class)
            .list();
    if (empty.isEmpty()) {
      return;
    }
    for (String table : List.of("set_parties", "set_members")) {
      jdbc.sql("delete from " + table + " where set_id in (:ids)").param("ids", empty).update();
    }
    jdbc.sql("delete from change_sets where id in (:ids)").param("ids", empty).update();
  }

  /** Consumes a party's code and records its answer, only if that exact code is still unused. */
  private boolean consumeCode(long setId, Party answered) {
    return jdbc.sql(
                """
                update set_parties set status = ?, answered_at = ?, code_used_at = ?
                where set_id = ? and nic = ? and code_digest = ? and code_used_at is null
                  and status = 'pending'""")
            .params(
                answered.status().name(),
                Sql.ts(answered.answeredAt()),
                Sql.ts(answered.codeUsedAt()),
                setId,
                answered.nic().value(),
                answered.codeDigest())
            .update()
        == 1;
  }

  /** Writes a party's code bookkeeping: failures, new code, rate-limit window. */
  private void rewriteParty(long setId, Party p) {
    jdbc.sql(
            """
            update set_parties set code_digest = ?, code_issued_at = ?, failed_attempts = ?,
                   resend_window_at = ?, resends_in_window = ?, replaced_digest = ?
            where set_id = ? and nic = ?""")
        .params(
            p.codeDigest(),
            Sql.ts(p.codeIssuedAt()),
            p.failedAttempts(),
            Sql.ts(p.resendWindowAt()),
            p.resendsInWindow(),
            p.replacedDigest(),
            setId,
            p.nic().value())
        .update();
  }

  /**
   * Voids the codes not used when a set ends, and forgets the replaced ones. A used code's digest
   * stays, so a repeated accept of a sibling task with it is recognised as a no-op.
   */
  private void voidUnusedCodes(long setId) {
    jdbc.sql(
            """
            update set_parties
            set code_digest = case when code_used_at is null then null else code_digest end,
                replaced_digest = null
            where set_id = ?""")
        .param(setId)
        .update();
  }

  private void releaseClaims(long setId) {
    jdbc.sql(
            "delete from open_role_claims where change_id in"
                + " (select id from contact_changes where set_id = ?)")
        .param(setId)
        .update();
  }
}
