package org.handover.apiauth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.handover.apiauth.ApiKeys.Application;
import org.handover.apiauth.ApiKeys.Credential;
import org.handover.system.Nic;
import org.handover.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code api_applications} and {@code api_credentials} tables. Secrets arrive sealed and
 * digests arrive computed: this class stores and finds, it never sees a plain secret.
 */
@Repository
class ApiKeyRepository {

  private static final TypeReference<List<AccessRule>> RULES = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  ApiKeyRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** A validated credential with its application's sealed secret. */
  record ValidatedRow(
      long credentialId,
      long applicationId,
      String secretSealed,
      Nic nic,
      List<AccessRule> rules,
      Instant expiresAt,
      String allowedIps) {}

  void insertApplication(
      String key, String secretSealed, String name, String description, Nic owner, Instant now) {
    jdbc.sql(
            """
            insert into api_applications (app_key, secret_sealed, name, description, owner_nic,
                                          created_at) values (?, ?, ?, ?, ?, ?)""")
        .params(key, secretSealed, name, description, owner.value(), Sql.ts(now))
        .update();
  }

  List<Application> applications(Nic owner) {
    return jdbc.sql(
            "select id, app_key, name, description, created_at from api_applications"
                + " where owner_nic = ? order by id")
        .param(owner.value())
        .query(
            (rs, i) ->
                new Application(
                    rs.getLong("id"),
                    rs.getString("app_key"),
                    rs.getString("name"),
                    rs.getString("description"),
                    Sql.instant(rs, "created_at")))
        .list();
  }

  /** Deletes an application of this owner's and its credentials; false when none matched. */
  boolean deleteApplication(long id, Nic owner) {
    jdbc.sql(
            "delete from api_credentials where application_id = ? and application_id in"
                + " (select id from api_applications where owner_nic = ?)")
        .params(id, owner.value())
        .update();
    return jdbc.sql("delete from api_applications where id = ? and owner_nic = ?")
            .params(id, owner.value())
            .update()
        > 0;
  }

  Optional<Long> applicationId(String appKey) {
    return jdbc.sql("select id from api_applications where app_key = ?")
        .param(appKey)
        .query(Long.class)
        .optional();
  }

  void insertPendingCredential(
      long applicationId,
      String consumerDigest,
      String validationDigest,
      List<AccessRule> rules,
      String redirection,
      String allowedIps,
      Instant now) {
    jdbc.sql(
            """
            insert into api_credentials (application_id, consumer_digest, validation_digest, state,
                                         rules, redirection, allowed_ips, created_at)
            values (?, ?, ?, 'pendingValidation', ?, ?, ?, ?)""")
        .params(
            applicationId,
            consumerDigest,
            validationDigest,
            json.writeValueAsString(rules),
            redirection,
            allowedIps,
            Sql.ts(now))
        .update();
  }

  Optional<Credential> pending(String validationDigest) {
    return jdbc.sql(
            """
            select c.id, a.name, c.state, c.rules, c.redirection from api_credentials c
            join api_applications a on a.id = c.application_id
            where c.validation_digest = ? and c.state = 'pendingValidation'""")
        .param(validationDigest)
        .query(
            (rs, i) ->
                new Credential(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    json.readValue(rs.getString(4), RULES),
                    Redirection.stored(rs.getString(5))))
        .optional();
  }

  void markValidated(long id, Nic nic, Instant now, Instant expiresAt) {
    jdbc.sql(
            """
            update api_credentials set state = 'validated', nic = ?, validated_at = ?, expires_at = ?,
                   validation_digest = null
            where id = ? and state = 'pendingValidation'""")
        .params(nic.value(), Sql.ts(now), Sql.ts(expiresAt), id)
        .update();
  }

  void markRefused(long id) {
    jdbc.sql("update api_credentials set state = 'refused', validation_digest = null where id = ?")
        .param(id)
        .update();
  }

  /** The account's validated consumer keys, newest first (at most {@code limit}). */
  List<ApiKeys.ConsumerKey> consumerKeys(Nic nic, int limit) {
    return jdbc.sql(
            """
            select c.id, a.name, c.rules, c.validated_at, c.expires_at
            from api_credentials c join api_applications a on a.id = c.application_id
            where c.nic = ? and c.state = 'validated' order by c.id desc""")
        .param(nic.value())
        .withMaxRows(limit)
        .query(
            (rs, i) ->
                new ApiKeys.ConsumerKey(
                    rs.getLong(1),
                    rs.getString(2),
                    json.readValue(rs.getString(3), RULES),
                    Sql.instant(rs, "validated_at"),
                    Sql.instant(rs, "expires_at")))
        .list();
  }

  /** Ends one of the account's own validated keys; false when it has no such key. */
  boolean expireOwn(long id, Nic nic) {
    return jdbc.sql(
                "update api_credentials set state = 'expired'"
                    + " where id = ? and nic = ? and state = 'validated'")
            .params(id, nic.value())
            .update()
        > 0;
  }

  /** Whether the key is still validated and its account still active (one primary-key read). */
  boolean stillValid(long credentialId) {
    return jdbc.sql(
                """
                select count(*) from api_credentials c join accounts a on a.nic = c.nic
                where c.id = ? and c.state = 'validated' and a.state = 'active'""")
            .param(credentialId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Ends every validated consumer key of the account. */
  int expireAll(Nic nic) {
    return jdbc.sql(
            "update api_credentials set state = 'expired' where nic = ? and state = 'validated'")
        .param(nic.value())
        .update();
  }

  void markExpired(long id) {
    jdbc.sql("update api_credentials set state = 'expired' where id = ?").param(id).update();
  }

  Optional<ValidatedRow> validated(String appKey, String consumerDigest) {
    return jdbc.sql(
            """
            select c.id, a.id, a.secret_sealed, c.nic, c.rules, c.expires_at, c.allowed_ips
            from api_credentials c join api_applications a on a.id = c.application_id
            where a.app_key = ? and c.consumer_digest = ? and c.state = 'validated'""")
        .params(appKey, consumerDigest)
        .query(
            (rs, i) ->
                new ValidatedRow(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    new Nic(rs.getString(4)),
                    json.readValue(rs.getString(5), RULES),
                    Sql.instant(rs, "expires_at"),
                    rs.getString("allowed_ips")))
        .optional();
  }
}
