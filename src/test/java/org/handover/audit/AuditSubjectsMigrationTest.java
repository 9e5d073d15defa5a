package org.handover.audit;

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
import org.junit.jupiter.api.Test;

/**
 * The migration to typed audit subjects ({@code V220}) on a trail written before it, on H2 and
 * PostgreSQL: every row keeps its id, actor, action and detail text; the rows of change sets,
 * cases, delegated access and owner changes get the roles, accounts and ids their detail named;
 * other rows get none; and new rows are numbered after the old ones.
 */
class AuditSubjectsMigrationTest {

  private static final String[][] OLD_ROWS = {
    {
      "1",
      "customer",
      "aa100001-ovh",
      "change.requested",
      "1",
      "7",
      "task 9 admin,tech aa100001-ovh -> bb200002-ovh"
    },
    {
      "2",
      "system",
      null,
      "change.done",
      "1",
      "7",
      "validatingByCustomers -> done task 9 tech aa100001-ovh -> bb200002-ovh"
    },
    {
      "3",
      "operator",
      "staff:sam",
      "case.opened",
      "2",
      null,
      "case=4 role=billing to=cc300003-ovh evidence=ticket 12"
    },
    {
      "4",
      "system",
      null,
      "case.applied",
      "2",
      null,
      "case=4 role=billing from=aa100001-ovh to=cc300003-ovh openedBy=staff:sam approvedBy=-"
          + " evidence=ticket 12"
    },
    {"5", "system", null, "case.expired", "2", null, "case=5"},
    {
      "6",
      "customer",
      "aa100001-ovh",
      "access.granted",
      "1",
      null,
      "policy=3 grantees=bb200002-ovh,cc300003-ovh allow=domain:apiovh:get"
    },
    {
      "7",
      "customer",
      "aa100001-ovh",
      "owner.change.requested",
      "1",
      null,
      "ownerChange=11 from=A <a@example.net> to=B <b@example.net> confirmations=2"
    },
    {"8", "customer", "aa100001-ovh", "owner.corrected", "1", null, "changed: phone"},
    {"9", "customer", "aa100001-ovh", "account.created", null, null, "aa100001-ovh"},
    {"10", "customer", "aa100001-ovh", "change.refused", "1", "8", "odd text"},
  };

  private static void fillsSubjectsFromDetail(DataSource ds) throws SQLException {
    migrate(ds, "210");
    List<String> inserts = new ArrayList<>();
    for (String[] r : OLD_ROWS) {
      inserts.add(
          "insert into audit_log (id, at, actor_kind, actor, action, service_id, change_id, detail)"
              + " values ("
              + r[0]
              + ", current_timestamp, '"
              + r[1]
              + "', "
              + quoted(r[2])
              + ", '"
              + r[3]
              + "', "
              + r[4]
              + ", "
              + r[5]
              + ", "
              + quoted(r[6])
              + ")");
    }
    exec(ds, inserts.toArray(String[]::new));

    migrate(ds, "latest");

    assertThat(
            rows(
                ds,
                "select id, change_id, reassignment_id, owner_change_id, roles, from_account,"
                    + " to_account from audit_log order by id"))
        .containsExactly(
            "1 7 null null admin,tech aa100001-ovh bb200002-ovh",
            "2 7 null null tech aa100001-ovh bb200002-ovh",
            "3 null 4 null billing null cc300003-ovh",
            "4 null 4 null billing aa100001-ovh cc300003-ovh",
            "5 null 5 null null null null",
            "6 null null null null null bb200002-ovh,cc300003-ovh",
            "7 null null 11 null null null",
            "8 null null null null null null",
            "9 null null null null null null",
            "10 8 null null null null null");
    List<String> kept = new ArrayList<>();
    for (String[] r : OLD_ROWS) {
      kept.add(r[0] + " " + r[1] + " " + r[2] + " " + r[3] + " " + r[4] + " " + r[6]);
    }
    assertThat(
            rows(
                ds,
                "select id, actor_kind, actor, action, service_id, detail from audit_log order by"
                    + " id"))
        .containsExactlyElementsOf(kept);
    exec(
        ds,
        "insert into audit_log (at, actor_kind, action) values (current_timestamp, 'system',"
            + " 'change.reminded')");
    assertThat(rows(ds, "select max(id) from audit_log")).containsExactly("11");
  }

  private static String quoted(String value) {
    return value == null ? "null" : "'" + value.replace("'", "''") + "'";
  }

  @Test
  void onH2EveryRowKeepsItsTextAndGainsTheSubjectItNamed() throws SQLException {
    fillsSubjectsFromDetail(h2("audit-subjects-migration"));
  }

  @Test
  void onPostgresEveryRowKeepsItsTextAndGainsTheSubjectItNamed() throws SQLException {
    fillsSubjectsFromDetail(postgres("audit_subjects_migration"));
  }
}
