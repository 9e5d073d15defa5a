package org.handover.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code accounts} table. */
@Repository
class AccountRepository {

  private static final String COLUMNS =
      "nic, email, email_verified, first_name, last_name, organisation, language, state,"
          + " debt_cents, debt_currency, created_at";

  private final JdbcClient jdbc;

  AccountRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
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
    jdbc.sql(
            "insert into accounts ("
                + COLUMNS
                + ", password_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
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
            Sql.ts(a.createdAt()),
            passwordHash)
        .update();
  }

  int updateDebt(Nic nic, long cents, String currency) {
    return jdbc.sql("update accounts set debt_cents = ?, debt_currency = ? where nic = ?")
        .params(cents, currency, nic.value())
        .update();
  }

  int updateState(Nic nic, Account.State state) {
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
}
