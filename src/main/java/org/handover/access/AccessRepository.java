package org.handover.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handover.catalog.ServiceType;
import org.handover.system.FactsEpoch;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Policies, their grantees and resources. */
@Repository
class AccessRepository {

  private static final String POLICY_COLUMNS =
      "id, owner_nic, name, description, allow_actions, except_actions, deny_actions, expires_at,"
          + " created_at, updated_at, ended_at, end_reason";

  private final JdbcClient jdbc;
  private final FactsEpoch facts;

  AccessRepository(JdbcClient jdbc, FactsEpoch facts) {
    this.jdbc = jdbc;
    this.facts = facts;
  }

  void insert(Policy p) {
    facts.moved();
    jdbc.sql(
            "insert into access_policies ("
                + POLICY_COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, null, null)")
        .params(
            p.id(),
            p.owner().value(),
            p.name(),
            p.description(),
            Permissions.store(p.permissions().allow()),
            Permissions.store(p.permissions().except()),
            Permissions.store(p.permissions().deny()),
            Sql.ts(p.expiresAt()),
            Sql.ts(p.createdAt()),
            Sql.ts(p.updatedAt()))
        .update();
    for (ResourceRef r : p.resources()) {
      addResource(p.id(), r);
    }
    for (Nic n : p.grantees()) {
      addGrantee(p.id(), n);
    }
  }

  /** Replaces what a PUT may change; grantees and resources are added or removed by the caller. */
  void update(Policy p) {
    facts.moved();
    jdbc.sql(
            "update access_policies set name = ?, description = ?, allow_actions = ?,"
                + " except_actions = ?, deny_actions = ?, expires_at = ?, updated_at = ?"
                + " where id = ? and ended_at is null")
        .params(
            p.name(),
            p.description(),
            Permissions.store(p.permissions().allow()),
            Permissions.store(p.permissions().except()),
            Permissions.store(p.permissions().deny()),
            Sql.ts(p.expiresAt()),
            Sql.ts(p.updatedAt()),
            p.id())
        .update();
  }

  void addResource(String policyId, ResourceRef r) {
    facts.moved();
    jdbc.sql("insert into access_policy_resources (policy_id, type, name) values (?, ?, ?)")
        .params(policyId, r.type().name(), r.name())
        .update();
  }

  void removeResource(String policyId, ResourceRef r) {
    facts.moved();
    jdbc.sql("delete from access_policy_resources where policy_id = ? and type = ? and name = ?")
        .params(policyId, r.type().name(), r.name())
        .update();
  }

  void addGrantee(String policyId, Nic nic) {
    facts.moved();
    jdbc.sql("insert into access_policy_identities (policy_id, grantee_nic) values (?, ?)")
        .params(policyId, nic.value())
        .update();
  }

  void removeGrantee(String policyId, Nic nic) {
    facts.moved();
    jdbc.sql("delete from access_policy_identities where policy_id = ? and grantee_nic = ?")
        .params(policyId, nic.value())
        .update();
  }

  /** Ends a live policy; false when it had ended already (another instance, another request). */
  boolean end(String policyId, String reason, Instant at) {
    facts.moved();
    return jdbc.sql(
                "update access_policies set ended_at = ?, end_reason = ? where id = ?"
                    + " and ended_at is null")
            .params(Sql.ts(at), reason, policyId)
            .update()
        == 1;
  }

  /** Ends one grantee's part; false when it had ended already. */
  boolean endGrantee(String policyId, Nic nic, String reason, Instant at) {
    facts.moved();
    return jdbc.sql(
                "update access_policy_identities set ended_at = ?, end_reason = ?"
                    + " where policy_id = ? and grantee_nic = ? and ended_at is null")
            .params(Sql.ts(at), reason, policyId, nic.value())
            .update()
        == 1;
  }

  /** Stops a policy reaching one named service; false when it had stopped already. */
  boolean endResource(String policyId, ResourceRef r, Instant at) {
    facts.moved();
    return jdbc.sql(
                "update access_policy_resources set ended_at = ? where policy_id = ? and type = ?"
                    + " and name = ? and ended_at is null")
            .params(Sql.ts(at), policyId, r.type().name(), r.name())
            .update()
        == 1;
  }

  /** Whether this account renounced (or lost by suspension) its part of the policy. */
  Optional<String> endedGrantee(String policyId, Nic nic) {
    return jdbc.sql(
            "select end_reason from access_policy_identities where policy_id = ?"
                + " and grantee_nic = ? and ended_at is not null")
        .params(policyId, nic.value())
        .query(String.class)
        .optional();
  }

  Optional<Policy> find(String id) {
    return load(
            "select " + POLICY_COLUMNS + " from access_policies where id = :id", Map.of("id", id))
        .stream()
        .findFirst();
  }

  /** The live policies an account owns, oldest first. */
  List<Policy> ownedBy(Nic owner) {
    return load(
        "select "
            + POLICY_COLUMNS
            + " from access_policies where owner_nic = :owner"
            + " and ended_at is null order by created_at, id",
        Map.of("owner", owner.value()));
  }

  /** The live policies that name an account as a live grantee, oldest first. */
  List<Policy> grantedTo(Nic grantee) {
    return load(
        "select "
            + POLICY_COLUMNS
            + " from access_policies p where ended_at is null and exists"
            + " (select 1 from access_policy_identities i where i.policy_id = p.id"
            + " and i.grantee_nic = :g and i.ended_at is null) order by created_at, id",
        Map.of("g", grantee.value()));
  }

  /** The live policies of an owner with a live resource reaching the service, oldest first. */
  List<Policy> reaching(Nic owner, ServiceType type, String name) {
    return load(
        "select "
            + POLICY_COLUMNS
            + " from access_policies p where owner_nic = :owner"
            + " and ended_at is null and exists (select 1 from access_policy_resources r"
            + " where r.policy_id = p.id and r.type = :type and (r.name = :name or r.name = '*')"
            + " and r.ended_at is null) order by created_at, id",
        Map.of("owner", owner.value(), "type", type.name(), "name", name));
  }

  /** A service its administrator may share: the reference's IAM resource. */
  record Administered(long id, ResourceRef ref, String displayName) {}

  /** The services an account administers, by type and name, at most {@code limit}. */
  List<Administered> administered(Nic admin, int limit) {
    return jdbc.sql(
            "select id, type, name, display_name from services where admin_nic = ?"
                + " order by type, name limit ?")
        .params(admin.value(), limit)
        .query(
            (rs, n) ->
                new Administered(
                    rs.getLong("id"),
                    new ResourceRef(
                        ServiceType.valueOf(rs.getString("type")), rs.getString("name")),
                    rs.getString("display_name")))
        .list();
  }

  /** Live policies whose expiry has come, at most {@code limit}. */
  List<String> dueToExpire(Instant now, int limit) {
    return jdbc.sql(
            "select id from access_policies where ended_at is null and expires_at <= ?"
                + " order by expires_at, id limit ?")
        .params(Sql.ts(now), limit)
        .query(String.class)
        .list();
  }

  /** A policy's named resource whose service its owner no longer administers. */
  record Stale(String policyId, ResourceRef resource) {}

  /**
   * Live named resources whose service's administrator is no longer the policy's owner (a
   * hand-over, a support reassignment, the provider's own update), or whose service is gone; of one
   * service only when {@code only} is given.
   */
  List<Stale> ownerNoLongerAdmin(ResourceRef only, int limit) {
    return jdbc.sql(
            """
            select r.policy_id, r.type, r.name from access_policy_resources r
            join access_policies p on p.id = r.policy_id and p.ended_at is null
            left join services s on s.type = r.type and s.name = r.name
            where r.ended_at is null and r.name <> '*'
                and (s.id is null or s.admin_nic <> p.owner_nic)
                and (cast(:type as varchar(16)) is null or (r.type = :type and r.name = :name))
            order by r.policy_id limit :limit""")
        .param("type", only == null ? null : only.type().name())
        .param("name", only == null ? null : only.name())
        .param("limit", limit)
        .query(
            (rs, n) ->
                new Stale(
                    rs.getString(1),
                    new ResourceRef(ServiceType.valueOf(rs.getString(2)), rs.getString(3))))
        .list();
  }

  private List<Policy> load(String sql, Map<String, ?> params) {
    List<Policy> heads = jdbc.sql(sql).params(params).query((rs, n) -> head(rs)).list();
    return heads.stream().map(this::withMembers).toList();
  }

  private Policy withMembers(Policy p) {
    List<Nic> grantees =
        jdbc.sql(
                "select grantee_nic from access_policy_identities where policy_id = ?"
                    + " and ended_at is null order by grantee_nic")
            .params(p.id())
            .query((rs, n) -> new Nic(rs.getString(1)))
            .list();
    List<ResourceRef> resources =
        jdbc.sql(
                "select type, name from access_policy_resources where policy_id = ?"
                    + " and ended_at is null order by type, name")
            .params(p.id())
            .query(
                (rs, n) -> new ResourceRef(ServiceType.valueOf(rs.getString(1)), rs.getString(2)))
            .list();
    return new Policy(
        p.id(),
        p.owner(),
        p.name(),
        p.description(),
        grantees,
        resources,
        p.permissions(),
        p.expiresAt(),
        p.createdAt(),
        p.updatedAt(),
        p.endedAt(),
        p.endReason());
  }

  private static Policy head(ResultSet rs) throws SQLException {
    return new Policy(
        rs.getString("id"),
        new Nic(rs.getString("owner_nic")),
        rs.getString("name"),
        rs.getString("description"),
        List.of(),
        List.of(),
        FactsRepository.permissions(rs),
        Sql.instant(rs, "expires_at"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"),
        Sql.instant(rs, "ended_at"),
        rs.getString("end_reason"));
  }
}
