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
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one statement every decision reads ({@link #facts}), whatever the number of checks: for each
 * asked (account, service) pair the account's state, the service's contacts, its administrator's
 * state and the account's live grants reaching it. The pairs travel as three arrays, so the text
 * never changes with their number: the database prepares and plans it once per connection. It joins
 * the {@code services} and {@code accounts} tables read-only.
 */
@Repository
class FactsRepository {

  /**
   * The decisions' one statement over the pairs {@code k(nic, type, name)}. Every join probes an
   * index: accounts by primary key, services by (type, name), the account's grants by {@code
   * access_identities_grantee_idx}, the service or every service of its type among their resources
   * by the primary key (policy, type, name), the policy by its id.
   */
  private static final String FACTS =
      """
            select k.nic, k.type as k_type, k.name as k_name, me.state as identity_state,
                s.admin_nic, s.tech_nic, s.billing_nic, adm.state as admin_state,
                p.id as policy_id, p.allow_actions, p.except_actions, p.deny_actions, p.expires_at
            from %s as k(nic, type, name)
            join accounts me on me.nic = k.nic
            left join services s on s.type = k.type and s.name = k.name
            left join accounts adm on adm.nic = s.admin_nic
            left join access_policy_identities i on i.grantee_nic = k.nic and i.ended_at is null
            left join access_policy_resources r on r.policy_id = i.policy_id and r.type = s.type
                and r.name = s.name and r.ended_at is null
            left join access_policy_resources every on every.policy_id = i.policy_id
                and every.type = s.type and every.name = '*' and every.ended_at is null
            left join access_policies p on p.id = i.policy_id and p.owner_nic = s.admin_nic
                and p.ended_at is null
                and (r.policy_id is not null or every.policy_id is not null)
            order by p.id""";

  /** For one pair ({@code :nic}, {@code :type}, {@code :name}): a single decision's read. */
  static final String FACTS_OF_ONE =
      FACTS.formatted(
          "(values (cast(:nic as varchar), cast(:type as varchar), cast(:name as varchar)))");

  /**
   * For many pairs ({@code :nics}, {@code :types}, {@code :names}, three arrays), so that the text
   * never changes with their number: the database prepares and plans it once per connection.
   */
  static final String FACTS_OF_MANY =
      FACTS.formatted(
          "unnest(cast(:nics as varchar array), cast(:types as varchar array),"
              + " cast(:names as varchar array))");

  private final JdbcClient jdbc;

  FactsRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One question's subject: an account and a service. */
  record Key(Nic identity, ResourceRef service) {}

  /**
   * In one statement, the facts of every pair: an account that does not exist has state null, a
   * service that does not exist contacts null; the grants come in the order of their policy ids.
   */
  Map<Key, AccessFacts> facts(Collection<Key> keys) {
    Map<Key, Row> rows = new HashMap<>();
    RowCallbackHandler reader = rs -> read(rs, rows);
    if (keys.size() == 1) {
      Key one = keys.iterator().next();
      jdbc.sql(FACTS_OF_ONE)
          .param("nic", one.identity().value())
          .param("type", one.service().type().name())
          .param("name", one.service().name())
          .query(reader);
    } else {
      int n = keys.size();
      String[] nics = new String[n];
      String[] types = new String[n];
      String[] names = new String[n];
      int k = 0;
      for (Key key : keys) {
        nics[k] = key.identity().value();
        types[k] = key.service().type().name();
        names[k++] = key.service().name();
      }
      jdbc.sql(FACTS_OF_MANY)
          .param("nics", nics)
          .param("types", types)
          .param("names", names)
          .query(reader);
    }
    Map<Key, AccessFacts> out = new LinkedHashMap<>();
    for (Key key : keys) {
      Row row = rows.get(key);
      out.put(
          key,
          row == null
              ? new AccessFacts(key.service().type(), null, null, false, List.of())
              : new AccessFacts(
                  key.service().type(), row.contacts, row.state, row.adminActive, row.grants));
    }
    return out;
  }

  /** What the rows of one pair say. */
  private static final class Row {
    AccessFacts.IdentityState state;
    Contacts contacts;
    boolean adminActive;
    final List<Grant> grants = new ArrayList<>(2);
  }

  private static void read(ResultSet rs, Map<Key, Row> rows) throws SQLException {
    Key key =
        new Key(
            new Nic(rs.getString("nic")),
            new ResourceRef(ServiceType.valueOf(rs.getString("k_type")), rs.getString("k_name")));
    Row row = rows.get(key);
    if (row == null) {
      row = new Row();
      row.state = AccessFacts.IdentityState.valueOf(rs.getString("identity_state"));
      String admin = rs.getString("admin_nic");
      if (admin != null) {
        row.contacts =
            new Contacts(
                new Nic(admin),
                new Nic(rs.getString("tech_nic")),
                new Nic(rs.getString("billing_nic")));
        row.adminActive = "active".equals(rs.getString("admin_state"));
      }
      rows.put(key, row);
    }
    String policy = rs.getString("policy_id");
    if (policy != null) {
      row.grants.add(
          new Grant(policy, row.contacts.admin(), permissions(rs), Sql.instant(rs, "expires_at")));
    }
  }

  static Permissions permissions(ResultSet rs) throws SQLException {
    return new Permissions(
        Permissions.read(rs.getString("allow_actions")),
        Permissions.read(rs.getString("except_actions")),
        Permissions.read(rs.getString("deny_actions")));
  }
}
