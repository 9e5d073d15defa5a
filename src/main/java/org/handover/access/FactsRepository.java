package org.handover.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.catalog.ServiceType;
import org.handover.contact.Contacts;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one statement a decision reads ({@link #facts}): the asking account, the services asked about
 * with their contacts, and the account's live grants reaching them. It joins the {@code services}
 * and {@code accounts} tables read-only, since an answer must come from one indexed read; a batch
 * reads once per distinct account.
 */
@Repository
class FactsRepository {

  /** The decision's one statement ({@code :keys} a list of (type, name), {@code :me} a nic). */
  static final String FACTS =
      """
            select me.state as identity_state, s.type, s.name, s.admin_nic, s.tech_nic,
                s.billing_nic, adm.state as admin_state, g.policy_id, g.allow_actions,
                g.except_actions, g.deny_actions, g.expires_at
            from accounts me
            left join (
                select sv.type, sv.name, sv.admin_nic, sv.tech_nic, sv.billing_nic
                from (values :keys) as k(k_type, k_name)
                join services sv on sv.type = k.k_type and sv.name = k.k_name
            ) s on 1 = 1
            left join accounts adm on adm.nic = s.admin_nic
            left join (
                select p.id as policy_id, p.owner_nic, p.allow_actions, p.except_actions,
                    p.deny_actions, p.expires_at, r.type as r_type, r.name as r_name
                from access_policy_identities i
                join access_policies p on p.id = i.policy_id and p.ended_at is null
                join access_policy_resources r on r.policy_id = p.id and r.ended_at is null
                where i.grantee_nic = :me and i.ended_at is null
            ) g on g.owner_nic = s.admin_nic and g.r_type = s.type
                and (g.r_name = s.name or g.r_name = '*')
            where me.nic = :me
            order by g.policy_id""";

  private final JdbcClient jdbc;

  FactsRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What {@link #facts} read: the asking account's state (null: no such account), per service. */
  record Read(AccessFacts.IdentityState identity, Map<ResourceRef, AccessFacts> services) {}

  /**
   * In one statement: the asking account's state, and for each named service its contacts, its
   * administrator's state and the asking account's live grants reaching it from policies the
   * administrator owns. Services that do not exist have no entry.
   */
  Read facts(Nic identity, Collection<ResourceRef> services) {
    List<Object[]> keys =
        services.stream().map(r -> new Object[] {r.type().name(), r.name()}).toList();
    Map<ResourceRef, AccessFacts> found = new LinkedHashMap<>();
    Map<ResourceRef, List<Grant>> grants = new HashMap<>();
    List<String> state = new ArrayList<>(1);
    jdbc.sql(FACTS)
        .param("keys", keys)
        .param("me", identity.value())
        .query(
            rs -> {
              if (state.isEmpty()) {
                state.add(rs.getString("identity_state"));
              }
              String type = rs.getString("type");
              if (type == null) {
                return;
              }
              ResourceRef key = new ResourceRef(ServiceType.valueOf(type), rs.getString("name"));
              AccessFacts f =
                  found.computeIfAbsent(
                      key,
                      k -> {
                        try {
                          return service(k, rs);
                        } catch (SQLException e) {
                          throw new IllegalStateException(e);
                        }
                      });
              List<Grant> list = grants.computeIfAbsent(key, k -> new ArrayList<>());
              if (rs.getString("policy_id") != null) {
                list.add(
                    new Grant(
                        rs.getString("policy_id"),
                        f.contacts().admin(),
                        permissions(rs),
                        Sql.instant(rs, "expires_at")));
              }
            });
    if (state.isEmpty()) {
      return new Read(null, Map.of());
    }
    AccessFacts.IdentityState me = AccessFacts.IdentityState.valueOf(state.get(0));
    Map<ResourceRef, AccessFacts> result = new LinkedHashMap<>();
    found.forEach(
        (key, f) ->
            result.put(
                key,
                new AccessFacts(f.type(), f.contacts(), me, f.adminActive(), grants.get(key))));
    return new Read(me, result);
  }

  private static AccessFacts service(ResourceRef key, ResultSet rs) throws SQLException {
    return new AccessFacts(
        key.type(),
        new Contacts(
            new Nic(rs.getString("admin_nic")),
            new Nic(rs.getString("tech_nic")),
            new Nic(rs.getString("billing_nic"))),
        null,
        "active".equals(rs.getString("admin_state")),
        List.of());
  }

  static Permissions permissions(ResultSet rs) throws SQLException {
    return new Permissions(
        Permissions.read(rs.getString("allow_actions")),
        Permissions.read(rs.getString("except_actions")),
        Permissions.read(rs.getString("deny_actions")));
  }
}
