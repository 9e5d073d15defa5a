package org.handover.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.support.MigrationDatabases.exec;
import static org.handover.support.MigrationDatabases.h2;
import static org.handover.support.MigrationDatabases.migrate;
import static org.handover.support.MigrationDatabases.postgres;
import static org.handover.support.MigrationDatabases.rows;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.handover.system.ConfirmationCode;
import org.junit.jupiter.api.Test;

/**
 * The migration to change sets ({@code V60}, {@code V61}) on a database holding requests, on H2 and
 * PostgreSQL: every request becomes a set of one with the same id, its parties and codes move to
 * the set, today's contacts of an open request's service become members (its administrator may
 * cancel it), and new sets get ids past the old ones.
 */
class ChangeSetsMigrationTest {

  private static final String CODE =
      ConfirmationCode.digestOf("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345");

  private static void migratesOpenAndEndedRequests(DataSource ds) throws SQLException {
    migrate(ds, "50");
    List<String> accounts = new ArrayList<>();
    for (String nic : List.of("aa100001-ovh", "tt100002-ovh", "xx100003-ovh", "bb100004-ovh")) {
      accounts.add(
          "insert into accounts (nic, email, first_name, last_name, state, language, created_at)"
              + " values ('"
              + nic
              + "', '"
              + nic
              + "@example.net', 'A', 'B', 'active', 'en', current_timestamp)");
    }
    exec(ds, accounts.toArray(String[]::new));
    exec(
        ds,
        "insert into services (id, type, name, display_name, created_at, admin_nic, tech_nic,"
            + " billing_nic) values (1, 'domain', 'one.example', 'one.example', current_timestamp,"
            + " 'aa100001-ovh', 'tt100002-ovh', 'bb100004-ovh')",
        // an ended request, then an open one asked by the admin: tech from tt to xx
        "insert into contact_changes (id, service_id, roles, from_nic, to_nic, asking_nic, state,"
            + " requested_at, done_at, expires_at, reason) values (7, 1, 'billing', 'aa100001-ovh',"
            + " 'bb100004-ovh', 'aa100001-ovh', 'done', current_timestamp, current_timestamp,"
            + " current_timestamp, null)",
        "insert into contact_changes (id, service_id, roles, from_nic, to_nic, asking_nic, state,"
            + " requested_at, expires_at, next_reminder_at) values (9, 1, 'tech', 'tt100002-ovh',"
            + " 'xx100003-ovh', 'aa100001-ovh', 'validatingByCustomers', current_timestamp,"
            + " current_timestamp, current_timestamp)",
        "insert into open_role_claims (service_id, role, change_id) values (1, 'tech', 9)",
        "insert into change_parties (change_id, nic, status, code_digest, code_issued_at,"
            + " code_used_at, answered_at) values (9, 'aa100001-ovh', 'accepted', '"
            + CODE
            + "', current_timestamp, current_timestamp, current_timestamp)",
        "insert into change_parties (change_id, nic, status, code_digest, code_issued_at,"
            + " failed_attempts) values (9, 'xx100003-ovh', 'pending', '"
            + CODE
            + "', current_timestamp, 2)");

    migrate(ds, "latest");

    assertThat(rows(ds, "select id, asking_nic, state from change_sets order by id"))
        .containsExactly("7 aa100001-ovh done", "9 aa100001-ovh validatingByCustomers");
    assertThat(
            rows(ds, "select id, set_id, roles, from_nic, to_nic from contact_changes order by id"))
        .containsExactly(
            "7 7 billing aa100001-ovh bb100004-ovh", "9 9 tech tt100002-ovh xx100003-ovh");
    assertThat(
            rows(ds, "select set_id, nic, status, failed_attempts from set_parties order by nic"))
        .containsExactly("9 aa100001-ovh accepted 0", "9 xx100003-ovh pending 2");
    assertThat(rows(ds, "select code_digest from set_parties where nic = 'xx100003-ovh'"))
        .containsExactly(CODE);
    assertThat(rows(ds, "select set_id, nic, can_cancel from set_members order by set_id, nic"))
        .containsExactly(
            "7 aa100001-ovh true",
            "7 bb100004-ovh false",
            // the open one: today's contacts of its service too; the administrator may cancel
            "9 aa100001-ovh true",
            "9 bb100004-ovh false",
            "9 tt100002-ovh false",
            "9 xx100003-ovh false");
    assertThat(rows(ds, "select service_id, role, change_id from open_role_claims"))
        .containsExactly("1 tech 9");
    exec(
        ds,
        "insert into change_sets (asking_nic, state, requested_at, expires_at) values"
            + " ('aa100001-ovh', 'todo', current_timestamp, current_timestamp)");
    assertThat(rows(ds, "select max(id) from change_sets")).containsExactly("10");
  }

  @Test
  void onH2EveryRequestBecomesASetOfOne() throws SQLException {
    migratesOpenAndEndedRequests(h2("change-sets-migration"));
  }

  @Test
  void onPostgresEveryRequestBecomesASetOfOne() throws SQLException {
    migratesOpenAndEndedRequests(postgres("change_sets_migration"));
  }
}
