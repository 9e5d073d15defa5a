package org.handover.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.handover.contact.ContactRole;
import org.handover.contact.Contacts;
import org.handover.system.BulkSql;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for the {@code services} and {@code domain_owners} tables. */
@Repository
class ServiceRepository {

  /** The columns a new service is written with, in the order of {@link #values}. */
  private static final String INSERT_COLUMNS =
      "type, name, display_name, status, created_at, expires_at, admin_nic, tech_nic, billing_nic,"
          + " sort_key";

  private static final String COLUMNS =
      "id, type, name, display_name, status, created_at, expires_at, admin_nic, tech_nic,"
          + " billing_nic";

  private static final String SELECT = "select " + COLUMNS + " from services";

  private final JdbcClient jdbc;
  private final BulkSql bulk;

  ServiceRepository(JdbcClient jdbc, BulkSql bulk) {
    this.jdbc = jdbc;
    this.bulk = bulk;
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
    jdbc.sql("insert into services (" + INSERT_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(values(s, now))
        .update(keys, "id");
    return keys.getKeyAs(Number.class).longValue();
  }

  /** Inserts services in batches (the bulk import); domain owners are not written. */
  void insertAll(List<NewService> services, Instant now) {
    bulk.insert("services", INSERT_COLUMNS, services.stream().map(s -> values(s, now)).toList());
  }

  /**
   * The services that exist among these keys. The keys are joined as a {@code values} list: H2 does
   * not use the (type, name) index for {@code name in (…)} after {@code type = ?}.
   */
  List<HostedService> findAll(Collection<ServiceKey> keys) {
    List<HostedService> found = new ArrayList<>();
    BulkSql.chunks(
        List.copyOf(keys),
        chunk -> {
          List<Object> params = new ArrayList<>(chunk.size() * 2);
          chunk.forEach(
              k -> {
                params.add(k.type().name());
                params.add(k.name());
              });
          String values =
              String.join(
                  ", ",
                  Collections.nCopies(
                      chunk.size(), "(cast(? as varchar(16)), cast(? as varchar(255)))"));
          found.addAll(
              jdbc.sql(
                      "select s."
                          + COLUMNS.replace(", ", ", s.")
                          + " from (values "
                          + values
                          + ") k (type, name) join services s on s.type = k.type and s.name = k.name")
                  .params(params)
                  .query(ServiceRepository::map)
                  .list());
        });
    return found;
  }

  void refreshStatistics() {
    bulk.analyze("services");
  }

  /** The values of {@link #INSERT_COLUMNS}, in its order. */
  private static Object[] values(NewService s, Instant now) {
    return new Object[] {
      s.type().name(),
      s.name(),
      s.displayName(),
      s.status().name(),
      Sql.ts(now),
      Sql.ts(s.expiresAt()),
      s.contacts().admin().value(),
      s.contacts().tech().value(),
      s.contacts().billing().value(),
      ServiceNames.sortKey(s.name())
    };
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
