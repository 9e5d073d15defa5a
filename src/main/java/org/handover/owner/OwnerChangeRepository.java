package org.handover.owner;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handover.catalog.DomainOwner;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Owner changes and their parties. */
@Repository
class OwnerChangeRepository {

  private static final String COLUMNS =
      "c.id, c.service_id, s.name as domain, c.state, c.asked_by, c.old_name, c.old_organisation,"
          + " c.old_email, c.new_name, c.new_organisation, c.new_email, c.new_address,"
          + " c.new_phone, c.requested_at, c.expires_at, c.ended_at, c.end_reason";

  private static final String FROM = " from owner_changes c join services s on s.id = c.service_id";

  private final JdbcClient jdbc;

  OwnerChangeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A new party: who, where the email goes, the digests of their link and code. */
  record NewParty(Registrant registrant, String email, String linkDigest, String codeDigest) {}

  /** Stores an open change with its parties; returns its id. */
  long insert(
      long serviceId,
      Nic askedBy,
      DomainOwner before,
      DomainOwner after,
      Instant now,
      Instant expiresAt,
      List<NewParty> parties) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql(
            """
            insert into owner_changes (service_id, state, asked_by, old_name, old_organisation,
                old_email, new_name, new_organisation, new_email, new_address, new_phone,
                requested_at, expires_at)
            values (?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            serviceId,
            askedBy.value(),
            before.name(),
            before.organisation(),
            before.email(),
            after.name(),
            after.organisation(),
            after.email(),
            after.address(),
            after.phone(),
            Sql.ts(now),
            Sql.ts(expiresAt))
        .update(keys, "id");
    long id = keys.getKeyAs(Number.class).longValue();
    for (NewParty p : parties) {
      jdbc.sql(
              "insert into owner_change_parties (change_id, registrant, email, link_digest,"
                  + " code_digest, status) values (?, ?, ?, ?, ?, 'pending')")
          .params(id, p.registrant().code(), p.email(), p.linkDigest(), p.codeDigest())
          .update();
    }
    return id;
  }

  Optional<OwnerChange> find(long id) {
    return jdbc.sql("select " + COLUMNS + FROM + " where c.id = ?")
        .param(id)
        .query((rs, n) -> map(rs))
        .optional();
  }

  /** Locks the change row until the transaction ends. */
  Optional<OwnerChange> lock(long id) {
    List<Long> locked =
        jdbc.sql("select id from owner_changes where id = ? for update")
            .param(id)
            .query(Long.class)
            .list();
    return locked.isEmpty() ? Optional.empty() : find(id);
  }

  /** The change and registrant a link reference (its digest) was issued for. */
  Optional<Map.Entry<Long, Registrant>> byLink(String linkDigest) {
    return jdbc.sql("select change_id, registrant from owner_change_parties where link_digest = ?")
        .param(linkDigest)
        .query(
            (rs, n) -> Map.entry(rs.getLong(1), Registrant.ofCode(rs.getString(2)).orElseThrow()))
        .optional();
  }

  /** The open change of a domain, if any. */
  Optional<Long> openOn(long serviceId) {
    return jdbc.sql(
            "select id from owner_changes where service_id = ? and state = 'open'"
                + " order by id limit 1")
        .param(serviceId)
        .query(Long.class)
        .optional();
  }

  /** Open changes past their deadline, oldest first. */
  List<Long> dueForExpiry(Instant now, int limit) {
    return jdbc.sql(
            "select id from owner_changes where state = 'open' and expires_at <= ?"
                + " order by expires_at limit ?")
        .params(Sql.ts(now), limit)
        .query(Long.class)
        .list();
  }

  void update(OwnerChange c) {
    jdbc.sql("update owner_changes set state = ?, ended_at = ?, end_reason = ? where id = ?")
        .params(c.state().name(), Sql.ts(c.endedAt()), c.endReason(), c.id())
        .update();
    for (OwnerChange.Party p : c.parties()) {
      jdbc.sql(
              """
              update owner_change_parties set code_digest = ?, code_failures = ?, status = ?,
                     answered_at = ?, reason = ?
              where change_id = ? and registrant = ?""")
          .params(
              p.codeDigest(),
              p.codeFailures(),
              p.status().name(),
              Sql.ts(p.answeredAt()),
              p.reason(),
              c.id(),
              p.registrant().code())
          .update();
    }
  }

  private List<OwnerChange.Party> parties(long id) {
    return jdbc.sql(
            "select registrant, email, code_digest, code_failures, status, answered_at, reason"
                + " from owner_change_parties where change_id = ? order by registrant")
        .param(id)
        .query(
            (rs, n) ->
                new OwnerChange.Party(
                    Registrant.ofCode(rs.getString("registrant")).orElseThrow(),
                    rs.getString("email"),
                    rs.getString("code_digest"),
                    rs.getInt("code_failures"),
                    OwnerChange.PartyAnswer.valueOf(rs.getString("status")),
                    Sql.instant(rs, "answered_at"),
                    rs.getString("reason")))
        .list();
  }

  private OwnerChange map(ResultSet rs) throws SQLException {
    long id = rs.getLong("id");
    return new OwnerChange(
        id,
        rs.getLong("service_id"),
        rs.getString("domain"),
        new Nic(rs.getString("asked_by")),
        DomainOwner.of(
            rs.getString("old_name"),
            rs.getString("old_organisation"),
            rs.getString("old_email"),
            null,
            null),
        DomainOwner.of(
            rs.getString("new_name"),
            rs.getString("new_organisation"),
            rs.getString("new_email"),
            rs.getString("new_address"),
            rs.getString("new_phone")),
        OwnerChangeState.valueOf(rs.getString("state")),
        Sql.instant(rs, "requested_at"),
        Sql.instant(rs, "expires_at"),
        Sql.instant(rs, "ended_at"),
        rs.getString("end_reason"),
        parties(id));
  }
}
