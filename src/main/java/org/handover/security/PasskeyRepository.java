package org.handover.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code user_entities} and {@code user_credentials}: Spring Security's JDBC stores for the
 * relying-party checks, and the queries by account (list, rename, remove) that the security page
 * needs, each scoped to the account so that no one reaches another account's passkey by its id.
 */
@Repository
class PasskeyRepository {

  /** A registered passkey as its owner sees it. */
  record Stored(String id, String name, Instant createdAt, Instant lastUsedAt) {}

  private static final String OWNED =
      " credential_id = ? and user_entity_user_id = (select id from user_entities where name = ?)";

  private final JdbcClient jdbc;
  private final JdbcUserCredentialRepository credentials;
  private final JdbcPublicKeyCredentialUserEntityRepository users;

  PasskeyRepository(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.credentials = new JdbcUserCredentialRepository(template);
    this.users = new JdbcPublicKeyCredentialUserEntityRepository(template);
  }

  UserCredentialRepository credentials() {
    return credentials;
  }

  PublicKeyCredentialUserEntityRepository users() {
    return users;
  }

  boolean any(Nic nic) {
    return jdbc.sql(
                "select count(*) from user_credentials c"
                    + " join user_entities u on u.id = c.user_entity_user_id where u.name = ?")
            .param(nic.value())
            .query(Long.class)
            .single()
        > 0;
  }

  List<Stored> list(Nic nic) {
    return jdbc.sql(
            "select c.credential_id, c.label, c.created, c.last_used from user_credentials c"
                + " join user_entities u on u.id = c.user_entity_user_id where u.name = ?"
                + " order by c.created, c.credential_id")
        .param(nic.value())
        .query(
            (rs, i) ->
                new Stored(
                    rs.getString("credential_id"),
                    rs.getString("label"),
                    Sql.instant(rs, "created"),
                    Sql.instant(rs, "last_used")))
        .list();
  }

  /** The passkey's stored signature count; its row stays locked until the transaction ends. */
  Optional<Long> lockSignCount(String credentialId) {
    return jdbc.sql(
            "select coalesce(signature_count, 0) from user_credentials"
                + " where credential_id = ? for update")
        .param(credentialId)
        .query(Long.class)
        .optional();
  }

  Optional<String> name(Nic nic, String id) {
    return jdbc.sql("select label from user_credentials where" + OWNED)
        .params(id, nic.value())
        .query(String.class)
        .optional();
  }

  int rename(Nic nic, String id, String name) {
    return jdbc.sql("update user_credentials set label = ? where" + OWNED)
        .params(name, id, nic.value())
        .update();
  }

  int delete(Nic nic, String id) {
    return jdbc.sql("delete from user_credentials where" + OWNED).params(id, nic.value()).update();
  }
}
