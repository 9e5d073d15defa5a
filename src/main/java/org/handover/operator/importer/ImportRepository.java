package org.handover.operator.importer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.handover.catalog.HostedService;
import org.handover.catalog.ServiceType;
import org.handover.contact.Contacts;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Bulk SQL of the import: lookups by chunks of {@value #CHUNK} keys and batched inserts into the
 * {@code accounts} and {@code services} tables, whose columns {@code AccountRepository} and {@code
 * ServiceRepository} define. Bulk writes bypass the one-row application services on purpose: one
 * statement per row would not import 100,000 services in seconds.
 */
@Repository
class ImportRepository {

  /** Keys per lookup and rows per batch; well under PostgreSQL's bind-parameter limit. */
  static final int CHUNK = 1_000;

  /** Rows per multi-row insert statement. */
  static final int ROWS_PER_INSERT = 100;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  ImportRepository(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** The customer ID owning each of these email addresses that is taken. */
  Map<String, Nic> emailOwners(Collection<String> emails) {
    Map<String, Nic> owners = new HashMap<>();
    chunks(
        List.copyOf(emails),
        chunk ->
            jdbc.sql("select email, nic from accounts where email in (:emails)")
                .param("emails", chunk)
                .query((rs, n) -> owners.put(rs.getString("email"), new Nic(rs.getString("nic"))))
                .list());
    return owners;
  }

  /**
   * The services that exist among these keys. The keys are joined as a {@code values} list: H2 does
   * not use the (type, name) index for {@code name in (…)} after {@code type = ?}.
   */
  Map<ServiceLine.Key, ServiceLine.Existing> services(Collection<ServiceLine.Key> keys) {
    Map<ServiceLine.Key, ServiceLine.Existing> found = new HashMap<>();
    chunks(
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
          jdbc.sql(
                  "select s.type, s.name, s.display_name, s.status, s.expires_at, s.admin_nic,"
                      + " s.tech_nic, s.billing_nic from (values "
                      + values
                      + ") k (type, name) join services s on s.type = k.type and s.name = k.name")
              .params(params)
              .query(
                  (rs, n) ->
                      found.put(
                          new ServiceLine.Key(
                              ServiceType.valueOf(rs.getString("type")), rs.getString("name")),
                          new ServiceLine.Existing(
                              rs.getString("display_name"),
                              HostedService.Status.valueOf(rs.getString("status")),
                              Sql.instant(rs, "expires_at"),
                              new Contacts(
                                  new Nic(rs.getString("admin_nic")),
                                  new Nic(rs.getString("tech_nic")),
                                  new Nic(rs.getString("billing_nic"))))))
              .list();
        });
    return found;
  }

  /** Inserts accounts without a password and with an unverified email. */
  void insertAccounts(List<AccountLine> accounts, Instant now) {
    List<Object[]> rows = new ArrayList<>(accounts.size());
    for (AccountLine a : accounts) {
      rows.add(
          new Object[] {
            a.nic().value(),
            a.email(),
            false,
            a.firstName(),
            a.lastName(),
            a.organisation(),
            a.language().name(),
            a.state().name(),
            a.debtCents(),
            a.currency(),
            Sql.ts(now)
          });
    }
    insert(
        "insert into accounts (nic, email, email_verified, first_name, last_name, organisation,"
            + " language, state, debt_cents, debt_currency, created_at) values ",
        rows);
  }

  void insertServices(List<ServiceLine> services, Instant now) {
    List<Object[]> rows = new ArrayList<>(services.size());
    for (ServiceLine s : services) {
      rows.add(
          new Object[] {
            s.type().name(),
            s.name(),
            s.displayName(),
            s.status().name(),
            Sql.ts(now),
            Sql.ts(s.expiresAt()),
            s.contacts().admin().value(),
            s.contacts().tech().value(),
            s.contacts().billing().value()
          });
    }
    insert(
        "insert into services (type, name, display_name, status, created_at, expires_at,"
            + " admin_nic, tech_nic, billing_nic) values ",
        rows);
  }

  /**
   * Inserts rows {@value #ROWS_PER_INSERT} at a time with multi-row {@code values} statements,
   * batched by {@value #CHUNK} rows (a third faster on H2 than one row per statement).
   */
  private void insert(String head, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int columns = rows.get(0).length;
    int whole = rows.size() - rows.size() % ROWS_PER_INSERT;
    List<Object[]> statements = new ArrayList<>(whole / ROWS_PER_INSERT);
    for (int from = 0; from < whole; from += ROWS_PER_INSERT) {
      statements.add(flatten(rows.subList(from, from + ROWS_PER_INSERT), columns));
    }
    String full = head + placeholders(ROWS_PER_INSERT, columns);
    int perBatch = CHUNK / ROWS_PER_INSERT;
    for (int from = 0; from < statements.size(); from += perBatch) {
      template.batchUpdate(
          full, statements.subList(from, Math.min(statements.size(), from + perBatch)));
    }
    if (whole < rows.size()) {
      List<Object[]> rest = rows.subList(whole, rows.size());
      template.update(head + placeholders(rest.size(), columns), flatten(rest, columns));
    }
  }

  private static String placeholders(int rows, int columns) {
    String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
    return String.join(", ", Collections.nCopies(rows, row));
  }

  private static Object[] flatten(List<Object[]> rows, int columns) {
    Object[] values = new Object[rows.size() * columns];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, values, i * columns, columns);
    }
    return values;
  }

  /**
   * Refreshes PostgreSQL's planner statistics of both tables after a large import: until autovacuum
   * gets to it, the planner still believes the tables small and scans them whole (a re-import of
   * 100,000 services took 25 s instead of 4). H2 needs nothing.
   */
  void refreshStatistics() {
    String product =
        template.execute(
            (ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
    if ("PostgreSQL".equals(product)) {
      template.execute("analyze accounts");
      template.execute("analyze services");
    }
  }

  static <T> void chunks(List<T> items, Consumer<List<T>> action) {
    for (int from = 0; from < items.size(); from += CHUNK) {
      action.accept(items.subList(from, Math.min(items.size(), from + CHUNK)));
    }
  }
}
