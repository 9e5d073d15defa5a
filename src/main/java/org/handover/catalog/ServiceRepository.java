package org.handover.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.handover.contact.ContactRole;
import org.handover.contact.Contacts;
import org.handover.system.BulkSql;
import org.handover.system.FactsEpoch;
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

  static final String SELECT = "select " + COLUMNS + " from services";

  private final JdbcClient jdbc;
  private final BulkSql bulk;
  private final FactsEpoch facts;

  ServiceRepository(JdbcClient jdbc, BulkSql bulk, FactsEpoch facts) {
    this.jdbc = jdbc;
    this.bulk = bulk;
    this.facts = facts;
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

  /** Reads these services and locks their rows, in id order (so two lockers never deadlock). */
  List<HostedService> lockAll(Collection<Long> ids) {
    List<HostedService> locked = new ArrayList<>(ids.size());
    BulkSql.chunks(
        ids.stream().sorted().distinct().toList(),
        chunk ->
            locked.addAll(
                jdbc.sql(SELECT + " where id in (:ids) order by id for update")
                    .param("ids", chunk)
                    .query(ServiceRepository::map)
                    .list()));
    return locked;
  }

  long insert(NewService s, Instant now) {
    facts.moved();
    var keys = new GeneratedKeyHolder();
    jdbc.sql("insert into services (" + INSERT_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(values(s, now))
        .update(keys, "id");
    return keys.getKeyAs(Number.class).longValue();
  }

  /** Inserts services in batches (the bulk import); domain owners are not written. */
  void insertAll(List<NewService> services, Instant now) {
    facts.moved();
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
  /**
   * Moves roles between accounts on many services, in batches of {@value BulkSql#CHUNK}, each only
   * where the old contact still holds every role moved; returns how many services changed.
   */
  int reassignAll(List<Reassignment> moves) {
    facts.moved();
    int changed = 0;
    Map<Set<ContactRole>, List<Reassignment>> byRoles = new LinkedHashMap<>();
    moves.forEach(m -> byRoles.computeIfAbsent(m.roles(), r -> new ArrayList<>()).add(m));
    for (var group : byRoles.entrySet()) {
      List<ContactRole> roles = group.getKey().stream().sorted().toList();
      String sql =
          "update services set "
              + String.join(", ", roles.stream().map(r -> r.name() + "_nic = ?").toList())
              + " where id = ? and "
              + String.join(" and ", roles.stream().map(r -> r.name() + "_nic = ?").toList());
      List<Object[]> rows = new ArrayList<>();
      for (Reassignment m : group.getValue()) {
        List<Object> row = new ArrayList<>();
        roles.forEach(r -> row.add(m.to().value()));
        row.add(m.serviceId());
        roles.forEach(r -> row.add(m.from().value()));
        rows.add(row.toArray());
      }
      for (int n : bulk.update(sql, rows)) {
        changed += n;
      }
    }
    return changed;
  }

  Optional<DomainOwner> owner(long serviceId) {
    return jdbc.sql(
            "select name, organisation, email, address, phone, updated_at, transfer_locked_until"
                + " from domain_owners where service_id = ?")
        .param(serviceId)
        .query(
            (rs, n) ->
                new DomainOwner(
                    rs.getString("name"),
                    rs.getString("organisation"),
                    rs.getString("email"),
                    rs.getString("address"),
                    rs.getString("phone"),
                    Sql.instant(rs, "updated_at"),
                    Sql.instant(rs, "transfer_locked_until")))
        .optional();
  }

  /** Writes the owner record, its transfer lock included, inserting it when there is none. */
  void saveOwner(long serviceId, DomainOwner owner, Instant now) {
    int updated =
        jdbc.sql(
                "update domain_owners set name = ?, organisation = ?, email = ?, address = ?,"
                    + " phone = ?, updated_at = ?, transfer_locked_until = ? where service_id = ?")
            .params(
                owner.name(),
                owner.organisation(),
                owner.email(),
                owner.address(),
                owner.phone(),
                Sql.ts(now),
                Sql.ts(owner.transferLockedUntil()),
                serviceId)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into domain_owners (service_id, name, organisation, email, address, phone,"
                  + " updated_at, transfer_locked_until) values (?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              serviceId,
              owner.name(),
              owner.organisation(),
              owner.email(),
              owner.address(),
              owner.phone(),
              Sql.ts(now),
              Sql.ts(owner.transferLockedUntil()))
          .update();
    }
  }

  List<Long> idsNamed(String name) {
    return jdbc.sql("select id from services where name = ?").param(name).query(Long.class).list();
  }

  void delete(long id) {
    facts.moved();
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
