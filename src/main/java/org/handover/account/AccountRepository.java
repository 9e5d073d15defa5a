package org.handover.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.handover.system.BulkSql;
import org.handover.system.FactsEpoch;
import org.handover.system.Language;
import org.handover.system.Like;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code accounts} table. */
@Repository
class AccountRepository {

  private static final String COLUMNS =
      "nic, email, email_verified, first_name, last_name, organisation, language, state,"
          + " debt_cents, debt_currency, created_at";

  private final JdbcClient jdbc;
  private final BulkSql bulk;
  private final FactsEpoch facts;

  AccountRepository(JdbcClient jdbc, BulkSql bulk, FactsEpoch facts) {
    this.jdbc = jdbc;
    this.bulk = bulk;
    this.facts = facts;
  }

  Optional<Account> find(Nic nic) {
    return jdbc.sql("select " + COLUMNS + " from accounts where nic = ?")
        .param(nic.value())
        .query(AccountRepository::map)
        .optional();
  }

  List<Account> findAll(Collection<Nic> nics) {
    if (nics.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select " + COLUMNS + " from accounts where nic in (:nics)")
        .param("nics", nics.stream().map(Nic::value).distinct().toList())
        .query(AccountRepository::map)
        .list();
  }

  /**
   * Accounts for the console's search, case-insensitive: whose customer ID, its digits, email,
   * first, last or full name or organisation starts with {@code typed}, and from {@link
   * Like#FRAGMENT_LENGTH} characters whose customer ID, email, full name or organisation holds it
   * anywhere. One bounded statement per column, joined: the prefix indexes (V150), and for
   * fragments on PostgreSQL the trigram indexes (V245) where there are some (H2 reads every row).
   */
  List<Account> search(String typed, int limit) {
    boolean fragment = Like.fragment(typed);
    String[] columns =
        fragment
            ? new String[] {"nic", "email", "full_name_lc", "organisation_lc"}
            : new String[] {
              "nic",
              "nic_digits",
              "email",
              "first_name_lc",
              "last_name_lc",
              "full_name_lc",
              "organisation_lc"
            };
    StringBuilder union = new StringBuilder();
    for (String column : columns) {
      union.append(union.isEmpty() ? "" : " union ");
      union.append("(select nic from accounts where ").append(column);
      union.append(" like :like escape '\\' limit :limit)");
    }
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from accounts where nic in (select nic from ("
                + union
                + ") found) order by last_name, first_name, nic limit :limit")
        .param("like", Like.search(typed))
        .param("limit", limit)
        .query(AccountRepository::map)
        .list();
  }

  Optional<Account> findByEmail(String email) {
    return jdbc.sql("select " + COLUMNS + " from accounts where email = ?")
        .param(email)
        .query(AccountRepository::map)
        .optional();
  }

  Optional<String> passwordHash(Nic nic) {
    return jdbc.sql("select password_hash from accounts where nic = ?")
        .param(nic.value())
        .query(String.class)
        .optional();
  }

  boolean exists(Nic nic) {
    return jdbc.sql("select count(*) from accounts where nic = ?")
            .param(nic.value())
            .query(Integer.class)
            .single()
        > 0;
  }

  long count() {
    return jdbc.sql("select count(*) from accounts").query(Long.class).single();
  }

  void insert(Account a, String passwordHash) {
    facts.moved();
    List<Object> values = new ArrayList<>(Arrays.asList(values(a)));
    values.add(passwordHash);
    jdbc.sql(
            "insert into accounts ("
                + COLUMNS
                + ", password_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(values)
        .update();
  }

  /** Inserts accounts without a password, in batches (the bulk import). */
  void insertAll(List<Account> accounts) {
    facts.moved();
    bulk.insert("accounts", COLUMNS, accounts.stream().map(AccountRepository::values).toList());
  }

  /** The customer ID owning each of these email addresses that is taken. */
  Map<String, Nic> emailOwners(Collection<String> emails) {
    Map<String, Nic> owners = new HashMap<>();
    BulkSql.chunks(
        List.copyOf(emails),
        chunk ->
            jdbc.sql("select email, nic from accounts where email in (:emails)")
                .param("emails", chunk)
                .query((rs, n) -> owners.put(rs.getString("email"), new Nic(rs.getString("nic"))))
                .list());
    return owners;
  }

  void refreshStatistics() {
    bulk.analyze("accounts");
  }

  /** The values of {@link #COLUMNS}, in its order. */
  private static Object[] values(Account a) {
    return new Object[] {
      a.nic().value(),
      a.email(),
      a.emailVerified(),
      a.firstName(),
      a.lastName(),
      a.organisation(),
      a.language().name(),
      a.state().name(),
      a.debtCents(),
      a.debtCurrency(),
      Sql.ts(a.createdAt())
    };
  }

  int updateDebt(Nic nic, long cents, String currency) {
    return jdbc.sql("update accounts set debt_cents = ?, debt_currency = ? where nic = ?")
        .params(cents, currency, nic.value())
        .update();
  }

  int updateState(Nic nic, Account.State state) {
    facts.moved();
    return jdbc.sql("update accounts set state = ? where nic = ?")
        .params(state.name(), nic.value())
        .update();
  }

  void updatePassword(Nic nic, String hash) {
    jdbc.sql("update accounts set password_hash = ? where nic = ?")
        .params(hash, nic.value())
        .update();
  }

  void markEmailVerified(Nic nic) {
    jdbc.sql("update accounts set email_verified = true where nic = ?").param(nic.value()).update();
  }

  void updateEmail(Nic nic, String email) {
    jdbc.sql("update accounts set email = ?, email_verified = true where nic = ?")
        .params(email, nic.value())
        .update();
  }

  void updateProfile(
      Nic nic, String firstName, String lastName, String organisation, Language language) {
    jdbc.sql(
            "update accounts set first_name = ?, last_name = ?, organisation = ?, language = ?"
                + " where nic = ?")
        .params(firstName, lastName, organisation, language.name(), nic.value())
        .update();
  }

  private static Account map(ResultSet rs, int row) throws SQLException {
    Instant created = Sql.instant(rs, "created_at");
    return new Account(
        new Nic(rs.getString("nic")),
        rs.getString("email"),
        rs.getBoolean("email_verified"),
        rs.getString("first_name"),
        rs.getString("last_name"),
        rs.getString("organisation"),
        Language.valueOf(rs.getString("language")),
        Account.State.valueOf(rs.getString("state")),
        rs.getLong("debt_cents"),
        rs.getString("debt_currency"),
        created);
  }

  /**
   * Takes the day's debt notice for this account: true (and the time recorded) when none was sent
   * since {@code dayAgo}. Two racing senders cannot both take it: the insert of the first one wins
   * the primary key, the update of an old row is conditional.
   */
  boolean takeDebtNotice(Nic nic, Instant now, Instant dayAgo) {
    int moved =
        jdbc.sql("update debt_notices set sent_at = ? where nic = ? and sent_at <= ?")
            .params(Sql.ts(now), nic.value(), Sql.ts(dayAgo))
            .update();
    if (moved == 1) {
      return true;
    }
    boolean exists =
        jdbc.sql("select count(*) from debt_notices where nic = ?")
                .param(nic.value())
                .query(Integer.class)
                .single()
            > 0;
    if (exists) {
      return false;
    }
    try {
      jdbc.sql("insert into debt_notices (nic, sent_at) values (?, ?)")
          .params(nic.value(), Sql.ts(now))
          .update();
      return true;
    } catch (DuplicateKeyException raced) {
      return false;
    }
  }
}
