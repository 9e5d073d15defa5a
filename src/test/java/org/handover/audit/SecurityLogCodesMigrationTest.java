package org.handover.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.support.MigrationDatabases.exec;
import static org.handover.support.MigrationDatabases.h2;
import static org.handover.support.MigrationDatabases.migrate;
import static org.handover.support.MigrationDatabases.postgres;
import static org.handover.support.MigrationDatabases.rows;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The migration to a typed security log ({@code V240}) on lines written before it, on H2 and
 * PostgreSQL: each line gets who acted and why or how, as codes, with the number its detail named;
 * a lock-down's reason stored as its author leaves the author unknown; a name the customer typed
 * and any text that is not Handover's vocabulary get no code; every line keeps its old columns.
 */
class SecurityLogCodesMigrationTest {

  /** id, event, by_whom, detail — as Handover wrote them before V240. */
  private static final String[][] OLD_LINES = {
    {"1", "signIn", null, null},
    {"2", "sessionEnded", "staff:Sam", null},
    {"3", "sessionEnded", "passwordChanged", null},
    {"4", "keyEnded", "passwordReset", null},
    {"5", "sessionEnded", "factorRemoved", null},
    {"6", "sessionEnded", "suspended", null},
    {"7", "keyEnded", "sessionsRevoked", null},
    {"8", "accountCreated", "provider", null},
    {"9", "emailChanged", "operator", null},
    {"10", "passwordChanged", null, "passwordChanged"},
    {"11", "passwordChanged", null, "passwordReset"},
    {"12", "signInRefused", null, "suspended"},
    {"13", "signInFailed", null, "/createToken"},
    {"14", "keyCreated", null, "key 31"},
    {"15", "recoveryCodeUsed", null, "7 left"},
    {"16", "handOver", null, "change.requested set 12"},
    {"17", "handOver", null, "party.accepted set 13"},
    {"18", "handOver", null, "party.refused set 14"},
    {"19", "handOver", null, "change.aborted set 15"},
    {"20", "factorAdded", null, "key 3"},
    {"21", "handOver", null, "party.accepted set twelve"},
  };

  private static final String[] EXPECTED = {
    "1 customer null null null",
    "2 staff staff:Sam null null",
    "3 customer passwordChanged afterPasswordChange null",
    "4 customer passwordReset afterPasswordReset null",
    "5 customer factorRemoved afterFactorRemoved null",
    "6 null suspended suspended null",
    "7 null sessionsRevoked everywhere null",
    "8 provider provider null null",
    "9 operator operator null null",
    "10 customer null currentPassword null",
    "11 customer null resetLink null",
    "12 customer null suspended null",
    "13 customer null createToken null",
    "14 customer null apiKey 31",
    "15 customer null codesLeft 7",
    "16 customer null changeRequested 12",
    "17 customer null changeAccepted 13",
    "18 customer null changeRefused 14",
    "19 customer null changeAborted 15",
    "20 customer null null null",
    "21 customer null null null",
  };

  @Test
  void oldLinesGetTheirCodesOnH2() throws SQLException {
    migrateOldLines(h2("security_log_codes"));
  }

  @Test
  void oldLinesGetTheirCodesOnPostgres() throws SQLException {
    migrateOldLines(postgres("security_log_codes"));
  }

  private void migrateOldLines(DataSource db) throws SQLException {
    migrate(db, "235");
    for (String[] line : OLD_LINES) {
      exec(
          db,
          "insert into security_log (id, nic, at, event, by_whom, address, detail) values ("
              + line[0]
              + ", 'aa100001-ovh', timestamp '2026-12-01 10:00:00', '"
              + line[1]
              + "', "
              + quoted(line[2])
              + ", '0:0:0:0:0:0:0:1', "
              + quoted(line[3])
              + ")");
    }
    migrate(db, "latest");
    assertThat(
            rows(db, "select id, actor, by_whom, reason, ref_number from security_log order by id"))
        .containsExactly(EXPECTED);
    assertThat(rows(db, "select detail, address from security_log where id = 17"))
        .containsExactly("party.accepted set 13 0:0:0:0:0:0:0:1");
    assertThat(rows(db, "select detail from security_log where id = 20")).containsExactly("key 3");
  }

  private static String quoted(String value) {
    return value == null ? "null" : "'" + value + "'";
  }
}
