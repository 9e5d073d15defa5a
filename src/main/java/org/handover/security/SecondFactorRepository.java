package org.handover.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code second_factors} and {@code recovery_codes}. */
@Repository
class SecondFactorRepository {

  /** A stored TOTP authenticator, its secret still sealed. */
  record Stored(
      long id,
      String name,
      String secretSealed,
      long lastStep,
      Instant createdAt,
      Instant lastUsedAt) {}

  private final JdbcClient jdbc;

  SecondFactorRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Stored> factors(Nic nic) {
    return jdbc.sql(
            "select id, name, secret_sealed, last_step, created_at, last_used_at"
                + " from second_factors where nic = ? order by id")
        .param(nic.value())
        .query(
            (rs, i) ->
                new Stored(
                    rs.getLong("id"),
                    rs.getString("name"),
                    rs.getString("secret_sealed"),
                    rs.getLong("last_step"),
                    Sql.instant(rs, "created_at"),
                    Sql.instant(rs, "last_used_at")))
        .list();
  }

  boolean any(Nic nic) {
    return jdbc.sql("select count(*) from second_factors where nic = ?")
            .param(nic.value())
            .query(Long.class)
            .single()
        > 0;
  }

  Optional<String> name(Nic nic, long id) {
    return jdbc.sql("select name from second_factors where id = ? and nic = ?")
        .params(id, nic.value())
        .query(String.class)
        .optional();
  }

  void insert(Nic nic, String name, String sealed, long step, Instant now) {
    jdbc.sql(
            "insert into second_factors (nic, kind, name, secret_sealed, last_step, created_at)"
                + " values (?, 'totp', ?, ?, ?, ?)")
        .params(nic.value(), name, sealed, step, Sql.ts(now))
        .update();
  }

  int rename(Nic nic, long id, String name) {
    return jdbc.sql("update second_factors set name = ? where id = ? and nic = ?")
        .params(name, id, nic.value())
        .update();
  }

  int delete(Nic nic, long id) {
    return jdbc.sql("delete from second_factors where id = ? and nic = ?")
        .params(id, nic.value())
        .update();
  }

  /** Marks a step used, only if it is later than the last one (so a code works once). */
  boolean useStep(long id, long step, Instant now) {
    return jdbc.sql(
                "update second_factors set last_step = ?, last_used_at = ?"
                    + " where id = ? and last_step < ?")
            .params(step, Sql.ts(now), id, step)
            .update()
        == 1;
  }

  void replaceRecoveryCodes(Nic nic, List<String> digests, Instant now) {
    deleteRecoveryCodes(nic);
    for (String digest : digests) {
      jdbc.sql("insert into recovery_codes (nic, code_digest, created_at) values (?, ?, ?)")
          .params(nic.value(), digest, Sql.ts(now))
          .update();
    }
  }

  void deleteRecoveryCodes(Nic nic) {
    jdbc.sql("delete from recovery_codes where nic = ?").param(nic.value()).update();
  }

  /** Uses an unused recovery code by its digest, in one conditional update. */
  boolean useRecoveryCode(Nic nic, String digest, Instant now) {
    return jdbc.sql(
                "update recovery_codes set used_at = ?"
                    + " where nic = ? and code_digest = ? and used_at is null")
            .params(Sql.ts(now), nic.value(), digest)
            .update()
        == 1;
  }

  long unusedRecoveryCodes(Nic nic) {
    return jdbc.sql("select count(*) from recovery_codes where nic = ? and used_at is null")
        .param(nic.value())
        .query(Long.class)
        .single();
  }
}
