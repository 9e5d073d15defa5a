package org.handover.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.handover.account.Nic;
import org.handover.contact.ContactRole;
import org.handover.contact.Contacts;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for the {@code services} and {@code domain_owners} tables. */
@Repository
class ServiceRepository {

  private static final String SELECT =
      "select id, type, name, display_name, status, created_at, expires_at, admin_nic, tech_nic,"
          + " billing_nic from services";

  private final JdbcClient jdbc;

  ServiceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<HostedService> find(ServiceType type, String name) {
    return jdbc.sql(SELECT + " where type = ? and name = ?")
        .params(type.name(), name)
        .query(ServiceRepository::map)
        .optional();
  }

  Optional<HostedService> find(long id) {
    return jdbc.sql(SELECT + " where id = ?").param(id).query(ServiceRepository::map).optional();
  }

  /** Reads the service and locks its row until the transaction ends. */
  Optional<HostedService> lock(long id) {
    return jdbc.sql(SELECT + " where id = ? for update")
        .param(id)
        .query(ServiceRepository::map)
        .optional();
  }

  long insert(NewService s, Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql(
            """
            insert into services (type, name, display_name, status, created_at, expires_at,
                                  admin_nic, tech_nic, billing_nic)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            s.type().name(),
            s.name(),
            s.displayName(),
            s.status().name(),
            Sql.ts(now),
            Sql.ts(s.expiresAt()),
            s.contacts().admin().value(),
            s.contacts().tech().value(),
            s.contacts().billing().value())
        .update(keys, "id");
    return keys.getKeyAs(Number.class).longValue();
  }

  /**
   * Moves roles from one account to another, only if the account still holds every one of them.
   *
   * @return whether the row was updated
   */
  boolean reassign(long id, Set<ContactRole> roles, Nic from, Nic to) {
    StringBuilder sql = new StringBuilder("update services set ");
    StringBuilder where = new StringBuilder(" where id = :id");
    String sep = "";
    for (ContactRole role : ContactRole.values()) {
      if (roles.contains(role)) {
        sql.append(sep).append(role.name()).append("_nic = :to");
        where.append(" and ").append(role.name()).append("_nic = :from");
        sep = ", ";
      }
    }
    return jdbc.sql(sql.append(where).toString())
            .param("id", id)
            .param("from", from.value())
            .param("to", to.value())
            .update()
        == 1;
  }

  Optional<DomainOwner> owner(long serviceId) {
    return jdbc.sql(
            "select name, organisation, email, address, updated_at from domain_owners"
                + " where service_id = ?")
        .param(serviceId)
        .query(
            (rs, n) ->
                new DomainOwner(
                    rs.getString("name"),
                    rs.getString("organisation"),
                    rs.getString("email"),
                    rs.getString("address"),
                    Sql.instant(rs, "updated_at")))
        .optional();
  }

  void saveOwner(long serviceId, DomainOwner owner, Instant now) {
    int updated =
        jdbc.sql(
                "update domain_owners set name = ?, organisation = ?, email = ?, address = ?,"
                    + " updated_at = ? where service_id = ?")
            .params(
                owner.name(),
                owner.organisation(),
                owner.email(),
                owner.address(),
                Sql.ts(now),
                serviceId)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into domain_owners (service_id, name, organisation, email, address,"
                  + " updated_at) values (?, ?, ?, ?, ?, ?)")
          .params(
              serviceId,
              owner.name(),
              owner.organisation(),
              owner.email(),
              owner.address(),
              Sql.ts(now))
          .update();
    }
  }

  List<Long> idsNamed(String name) {
    return jdbc.sql("select id from services where name = ?").param(name).query(Long.class).list();
  }

  void delete(long id) {
    jdbc.sql("delete from services where id = ?").param(id).update();
  }

  boolean administers(Nic nic) {
    return !jdbc.sql("select id from services where admin_nic = ?")
        .param(nic.value())
        .withMaxRows(1)
        .query(Long.class)
        .list()
        .isEmpty();
  }

  long count() {
    return jdbc.sql("select count(*) from services").query(Long.class).single();
  }

  static HostedService map(ResultSet rs, int row) throws SQLException {
    return new HostedService(
        rs.getLong("id"),
        ServiceType.valueOf(rs.getString("type")),
        rs.getString("name"),
        rs.getString("display_name"),
        HostedService.Status.valueOf(rs.getString("status")),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "expires_at"),
        new Contacts(
            new Nic(rs.getString("admin_nic")),
            new Nic(rs.getString("tech_nic")),
            new Nic(rs.getString("billing_nic"))));
  }
}
