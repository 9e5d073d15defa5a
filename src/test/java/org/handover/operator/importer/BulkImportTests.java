package org.handover.operator.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.handover.catalog.HostedService;
import org.handover.support.Fixtures;
import org.handover.support.TestClockConfiguration;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/**
 * Bulk import of accounts and services, over HTTP and from the command line, on each database a
 * subclass points it at.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Fixtures.class})
abstract class BulkImportTests {

  private static final String TOKEN = "import-test-operator-token";
  private static final AtomicInteger BATCH = new AtomicInteger();

  @DynamicPropertySource
  static void operatorToken(DynamicPropertyRegistry registry) {
    registry.add("handover.operator.token", () -> TOKEN);
  }

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired Fixtures fixtures;
  @Autowired ImportCommand command;
  @Autowired DataSource dataSource;

  /** Customer IDs, emails and service names no other test uses: {@code qa000001-ovh} … */
  private static final class Batch {
    final String letters;

    Batch() {
      int n = BATCH.getAndIncrement();
      letters = "" + (char) ('q' + n / 26) + (char) ('a' + n % 26);
    }

    String nic(int i) {
      return String.format("%s%06d-ovh", letters, i);
    }

    String email(int i) {
      return letters + i + "@import.example";
    }

    String service(int i) {
      return letters + "-" + i + ".example";
    }

    String accountsCsv(int count) {
      StringBuilder csv = new StringBuilder("nic,email,firstName,lastName\n");
      for (int i = 1; i <= count; i++) {
        csv.append(nic(i)).append(',').append(email(i)).append(",Ann,Holder ").append(i);
        csv.append('\n');
      }
      return csv.toString();
    }
  }

  // ---- all or nothing -------------------------------------------------------------------------

  @Test
  void aCsvFileWithOneBadRowImportsNothingAndNamesTheRow() throws Exception {
    Batch b = new Batch();
    String accounts =
        "nic,email,firstName,lastName\n"
            + b.nic(1)
            + ","
            + b.email(1)
            + ",Ann,One\n"
            + b.nic(2)
            + ",not-an-email,Bob,Two\n"
            + b.nic(3)
            + ","
            + b.email(3)
            + ",Cid,Three\n";
    String services = "type,name,admin\ndomain," + b.service(1) + "," + b.nic(1) + "\n";
    long accountsBefore = count("accounts");
    long servicesBefore = count("services");

    post(accounts, services, false)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.class").value("Client::BadRequest"))
        .andExpect(jsonPath("$.message").value("Invalid rows: 1; nothing was imported."))
        .andExpect(jsonPath("$.errorCount").value(1))
        .andExpect(jsonPath("$.errors", hasSize(1)))
        .andExpect(jsonPath("$.errors[0].file").value("accounts"))
        .andExpect(jsonPath("$.errors[0].line").value(3))
        .andExpect(
            jsonPath("$.errors[0].reason").value("email: not-an-email is not an email address."));

    assertThat(count("accounts")).isEqualTo(accountsBefore);
    assertThat(count("services")).isEqualTo(servicesBefore);
  }

  @Test
  void aJsonLinesFileWithOneBadRowImportsNothingAndNamesTheRow() throws Exception {
    Batch b = new Batch();
    String services =
        line(Map.of("type", "domain", "name", b.service(1), "admin", b.nic(1)))
            + "\n"
            + line(Map.of("type", "vpn", "name", b.service(2), "admin", b.nic(1)))
            + line(Map.of("type", "vps", "name", b.service(3), "admin", b.nic(1)));

    post(b.accountsCsv(1), services, false)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors", hasSize(1)))
        .andExpect(jsonPath("$.errors[0].file").value("services"))
        .andExpect(jsonPath("$.errors[0].line").value(3))
        .andExpect(
            jsonPath("$.errors[0].reason")
                .value(
                    "type: vpn is not one of domain, hosting, vps, dedicated, email, zone,"
                        + " database, cloud."));

    assertThat(exists("accounts", "nic", b.nic(1))).isFalse();
    assertThat(exists("services", "name", b.service(1))).isFalse();
  }

  @Test
  void everyBadRowIsReportedWithItsOwnReason() throws Exception {
    Batch b = new Batch();
    Nic stranger = fixtures.account();
    String accounts =
        "nic,email,firstName,lastName,language,debtCents,state,currency\n"
            + b.nic(1)
            + ","
            + b.email(1)
            + ",Ann,One,it,0,active,EUR\n" // 2: fine
            + b.nic(1)
            + ","
            + b.email(9)
            + ",Ann,Again,en,0,active,EUR\n" // 3: same nic
            + b.nic(2)
            + ","
            + b.email(1)
            + ",Bob,Two,en,0,active,EUR\n" // 4: same email
            + "x1,"
            + b.email(3)
            + ",,Three,pt,-5,gone,eur\n" // 5: five problems
            + b.nic(4)
            + ","
            + fixtures.email(stranger)
            + ",Dan,Four,,,,\n"; // 6: email taken
    String services =
        "type,name,admin,tech,status,expiration\n"
            + "domain,"
            + b.service(1)
            + ","
            + b.nic(1)
            + ",,,2027-01-31\n" // 2: fine
            + "domain,"
            + b.service(1)
            + ","
            + b.nic(1)
            + ",,,\n" // 3: same service
            + "vps,"
            + b.service(1)
            + ",zz999999-ovh,,,\n" // 4: unknown admin
            + "vps,-bad-,"
            + b.nic(1)
            + ","
            + b.nic(1)
            + ",lost,tomorrow\n"; // 5: three problems

    post(accounts, services, false)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value("Invalid rows: 7; nothing was imported."))
        .andExpect(jsonPath("$.errors[0].line").value(3))
        .andExpect(
            jsonPath("$.errors[0].reason")
                .value("The customer ID " + b.nic(1) + " is already on line 2."))
        .andExpect(jsonPath("$.errors[1].line").value(4))
        .andExpect(
            jsonPath("$.errors[1].reason")
                .value("The email address " + b.email(1) + " is already on line 2."))
        .andExpect(jsonPath("$.errors[2].line").value(5))
        .andExpect(
            jsonPath("$.errors[2].reason")
                .value(
                    "nic: x1 is not a customer ID (two letters, 4 to 8 digits, a dash and a"
                        + " suffix, like aa123456-ovh).; firstName is required.; language: pt is"
                        + " not one of en, it, fr, de, es.; debtCents: -5 is not a whole number of"
                        + " cents,"
                        + " 0 or more.; currency: eur is not a three-letter currency code such as"
                        + " EUR.; state: gone is not one of active, suspended."))
        .andExpect(jsonPath("$.errors[3].line").value(6))
        .andExpect(
            jsonPath("$.errors[3].reason")
                .value(
                    "The email address "
                        + fixtures.email(stranger)
                        + " already belongs to customer ID "
                        + stranger
                        + "."))
        .andExpect(jsonPath("$.errors[4].file").value("services"))
        .andExpect(jsonPath("$.errors[4].line").value(3))
        .andExpect(
            jsonPath("$.errors[4].reason")
                .value("The service domain " + b.service(1) + " is already on line 2."))
        .andExpect(jsonPath("$.errors[5].line").value(4))
        .andExpect(
            jsonPath("$.errors[5].reason")
                .value(
                    "The admin contact zz999999-ovh is neither an existing account nor in the"
                        + " accounts file."))
        .andExpect(jsonPath("$.errors[6].line").value(5))
        .andExpect(jsonPath("$.errors[6].reason").value(containsString("name: -bad-")))
        .andExpect(jsonPath("$.errors[6].reason").value(containsString("status: lost")))
        .andExpect(jsonPath("$.errors[6].reason").value(containsString("expiration: tomorrow")));

    assertThat(exists("accounts", "nic", b.nic(1))).isFalse();
  }

  @Test
  void unknownColumnsAndFieldsAreErrors() throws Exception {
    Batch b = new Batch();
    post("nic,email,firstName,lastName,phone\n" + b.nic(1) + ",a@b.example,A,B,123\n", null, false)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].file").value("accounts"))
        .andExpect(jsonPath("$.errors[0].line").value(1))
        .andExpect(jsonPath("$.errors[0].reason").value(containsString("Unknown column phone")));

    post(
            null,
            line(Map.of("type", "vps", "name", b.service(1), "admin", b.nic(1), "x", "1")),
            false)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].line").value(1))
        .andExpect(jsonPath("$.errors[0].reason").value(containsString("Unknown field x")));
  }

  @Test
  void theErrorListIsCappedAndSaysHowManyThereWere() throws Exception {
    StringBuilder services = new StringBuilder("type,name,admin\n");
    for (int i = 0; i < InvalidRows.LISTED + 5; i++) {
      services.append("vpn,s").append(i).append(".example,aa123456-ovh\n");
    }

    post(null, services.toString(), false)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errorCount").value(1005))
        .andExpect(jsonPath("$.errors", hasSize(1000)))
        .andExpect(
            jsonPath("$.message")
                .value("Invalid rows: 1005 (the first 1000 are listed); nothing was imported."));
  }

  // ---- importing ------------------------------------------------------------------------------

  @Test
  void aGoodPairOfFilesImportsEverything() throws Exception {
    Batch b = new Batch();
    Nic existing = fixtures.account();
    String accounts =
        "nic,email,firstName,lastName,organisation,language,debtCents,currency,state\n"
            + b.nic(1).toUpperCase()
            + ","
            + b.email(1).toUpperCase()
            + ",Ann,One,\"Rossi, Bianchi & \"\"Figli\"\"\",it,1200,CHF,suspended\n"
            + b.nic(2)
            + ","
            + b.email(2)
            + ",Bob,Two,,,,,\n";
    String services =
        line(Map.of("type", "domain", "name", b.service(1), "admin", b.nic(1)))
            + line(
                Map.of(
                    "type",
                    "vps",
                    "name",
                    b.service(2),
                    "admin",
                    b.nic(2),
                    "tech",
                    b.nic(1),
                    "billing",
                    existing.value(),
                    "displayName",
                    "My VPS",
                    "status",
                    "expired",
                    "expiration",
                    "2027-01-31"))
            + line(
                Map.of(
                    "type",
                    "email",
                    "name",
                    b.service(3),
                    "admin",
                    existing.value(),
                    "expiration",
                    "2027-03-01T10:15:30+02:00"));
    long mailBefore = count("mail_outbox");

    post(accounts, services, false)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.dryRun").value(false))
        .andExpect(jsonPath("$.accounts.imported").value(2))
        .andExpect(jsonPath("$.accounts.unchanged").value(0))
        .andExpect(jsonPath("$.services.imported").value(3))
        .andExpect(jsonPath("$.services.unchanged").value(0))
        .andExpect(jsonPath("$.emailsSent").value(0))
        .andExpect(jsonPath("$.note").value(containsString("No email was sent")));

    Map<String, Object> ann =
        jdbc.sql("select * from accounts where nic = ?").param(b.nic(1)).query().singleRow();
    assertThat(ann)
        .containsEntry("email", b.email(1))
        .containsEntry("email_verified", false)
        .containsEntry("first_name", "Ann")
        .containsEntry("last_name", "One")
        .containsEntry("organisation", "Rossi, Bianchi & \"Figli\"")
        .containsEntry("language", "it")
        .containsEntry("debt_cents", 1200L)
        .containsEntry("debt_currency", "CHF")
        .containsEntry("state", "suspended")
        .containsEntry("password_hash", null);
    Map<String, Object> bob =
        jdbc.sql("select * from accounts where nic = ?").param(b.nic(2)).query().singleRow();
    assertThat(bob)
        .containsEntry("organisation", null)
        .containsEntry("language", "en")
        .containsEntry("debt_cents", 0L)
        .containsEntry("debt_currency", "EUR")
        .containsEntry("state", "active");

    assertThat(service("domain", b.service(1)))
        .containsEntry("display_name", b.service(1))
        .containsEntry("status", "ok")
        .containsEntry("expires_at", null)
        .containsEntry("admin_nic", b.nic(1))
        .containsEntry("tech_nic", b.nic(1))
        .containsEntry("billing_nic", b.nic(1));
    Map<String, Object> vps = service("vps", b.service(2));
    assertThat(vps)
        .containsEntry("display_name", "My VPS")
        .containsEntry("status", "expired")
        .containsEntry("admin_nic", b.nic(2))
        .containsEntry("tech_nic", b.nic(1))
        .containsEntry("billing_nic", existing.value());
    assertThat(expiration("vps", b.service(2))).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
    assertThat(expiration("email", b.service(3))).isEqualTo(Instant.parse("2027-03-01T08:15:30Z"));

    assertThat(count("mail_outbox")).as("no email for imported accounts").isEqualTo(mailBefore);
    assertThat(
            jdbc.sql(
                    "select actor_kind, actor, detail from audit_log where action ="
                        + " 'operator.import' order by id desc fetch first 1 rows only")
                .query()
                .singleRow())
        .containsEntry("actor_kind", "operator")
        .containsEntry("actor", "operator")
        .containsEntry(
            "detail",
            "accounts imported=2 unchanged=0; services imported=3 unchanged=0; emails sent=0");
  }

  @Test
  void theSameFilesTwiceChangeNothingTheSecondTime() throws Exception {
    Batch b = new Batch();
    String accounts = b.accountsCsv(3);
    String services =
        "type,name,admin,tech,billing,expiration\n"
            + "domain,"
            + b.service(1)
            + ","
            + b.nic(1)
            + ","
            + b.nic(2)
            + ",,2027-06-01T12:00:00\n"
            + "hosting,"
            + b.service(1)
            + ","
            + b.nic(3)
            + ",,,\n";

    post(accounts, services, false)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accounts.imported").value(3))
        .andExpect(jsonPath("$.services.imported").value(2));
    long accountsAfter = count("accounts");
    long servicesAfter = count("services");
    Object created = service("domain", b.service(1)).get("created_at");

    post(accounts, services, false)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accounts.imported").value(0))
        .andExpect(jsonPath("$.accounts.unchanged").value(3))
        .andExpect(jsonPath("$.services.imported").value(0))
        .andExpect(jsonPath("$.services.unchanged").value(2));

    assertThat(count("accounts")).isEqualTo(accountsAfter);
    assertThat(count("services")).isEqualTo(servicesAfter);
    assertThat(service("domain", b.service(1))).containsEntry("created_at", created);
  }

  @Test
  void rowsThatDifferFromExistingDataAreErrorsAndNothingIsOverwritten() throws Exception {
    Batch b = new Batch();
    Nic holder = fixtures.account();
    HostedService domain = fixtures.serviceOwnedBy(holder);
    String accounts =
        "nic,email,firstName,lastName\n"
            + b.nic(1)
            + ","
            + b.email(1)
            + ",New,Account\n"
            + holder
            + ","
            + fixtures.email(holder)
            + ",Test,Somebody Else\n";
    String services =
        "type,name,admin,tech\n"
            + "domain,"
            + domain.name()
            + ","
            + holder
            + ","
            + b.nic(1)
            + "\n"
            + "vps,"
            + b.service(1)
            + ","
            + b.nic(1)
            + ",\n";

    post(accounts, services, false)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors", hasSize(2)))
        .andExpect(jsonPath("$.errors[0].file").value("accounts"))
        .andExpect(jsonPath("$.errors[0].line").value(3))
        .andExpect(
            jsonPath("$.errors[0].reason")
                .value(
                    "Customer ID "
                        + holder
                        + " already exists with a different lastName; nothing is overwritten."))
        .andExpect(jsonPath("$.errors[1].file").value("services"))
        .andExpect(jsonPath("$.errors[1].line").value(2))
        .andExpect(
            jsonPath("$.errors[1].reason")
                .value(
                    "The service domain "
                        + domain.name()
                        + " already exists with a different tech; nothing is overwritten."));

    assertThat(exists("accounts", "nic", b.nic(1))).isFalse();
    assertThat(fixtures.contactsOf(domain).tech()).isEqualTo(holder);
    assertThat(
            jdbc.sql("select last_name from accounts where nic = ?")
                .param(holder.value())
                .query(String.class)
                .single())
        .isNotEqualTo("Somebody Else");
  }

  @Test
  void anExistingAccountWithTheSameDataCountsAsUnchanged() throws Exception {
    Nic holder = fixtures.account();
    String last =
        jdbc.sql("select last_name from accounts where nic = ?")
            .param(holder.value())
            .query(String.class)
            .single();

    post(
            "nic,email,firstName,lastName\n"
                + holder
                + ","
                + fixtures.email(holder)
                + ",Test,"
                + last
                + "\n",
            null,
            false)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accounts.imported").value(0))
        .andExpect(jsonPath("$.accounts.unchanged").value(1));
  }

  @Test
  void aDryRunValidatesAndCountsButWritesNothing() throws Exception {
    Batch b = new Batch();
    String services = "type,name,admin\ndomain," + b.service(1) + "," + b.nic(1) + "\n";
    long auditBefore = count("audit_log");

    mvc.perform(upload(b.accountsCsv(2), services).param("dryRun", "true"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.dryRun").value(true))
        .andExpect(jsonPath("$.accounts.imported").value(2))
        .andExpect(jsonPath("$.services.imported").value(1));

    assertThat(exists("accounts", "nic", b.nic(1))).isFalse();
    assertThat(exists("services", "name", b.service(1))).isFalse();
    assertThat(count("audit_log")).isEqualTo(auditBefore);
  }

  @Test
  void withoutAnyFileTheAnswerIsABadRequest() throws Exception {
    mvc.perform(multipart("/operator/v1/import").header("Authorization", "Bearer " + TOKEN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.class").value("Client::BadRequest"))
        .andExpect(jsonPath("$.message").value(containsString("accounts file")));
  }

  @Test
  void theOperatorTokenIsRequired() throws Exception {
    Batch b = new Batch();
    mvc.perform(
            multipart("/operator/v1/import")
                .file(
                    new MockMultipartFile(
                        "accounts", "a.csv", "text/csv", bytes(b.accountsCsv(1)))))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.class").value("Client::Unauthorized"));
    mvc.perform(
            multipart("/operator/v1/import")
                .file(
                    new MockMultipartFile("accounts", "a.csv", "text/csv", bytes(b.accountsCsv(1))))
                .header("Authorization", "Bearer wrong-token"))
        .andExpect(status().isUnauthorized());

    assertThat(exists("accounts", "nic", b.nic(1))).isFalse();
  }

  @Test
  void oneHundredThousandServicesImportInOneGo() throws Exception {
    Batch b = new Batch();
    int accounts = 20_000;
    int services = 100_000;
    StringBuilder file = new StringBuilder("type,name,admin,tech,billing\n");
    for (int i = 1; i <= services; i++) {
      file.append(i % 2 == 0 ? "domain" : "hosting")
          .append(',')
          .append(b.service(i))
          .append(',')
          .append(b.nic(1 + i % accounts))
          .append(',')
          .append(b.nic(1 + (i * 7) % accounts))
          .append(',')
          .append(b.nic(1 + (i * 13) % accounts))
          .append('\n');
    }
    long servicesBefore = count("services");

    long start = System.nanoTime();
    post(b.accountsCsv(accounts), file.toString(), false)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accounts.imported").value(accounts))
        .andExpect(jsonPath("$.services.imported").value(services));
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "Bulk import on %s: %,d accounts + %,d services in %.2f s%n",
        database(), accounts, services, seconds);

    assertThat(count("services")).isEqualTo(servicesBefore + services);

    start = System.nanoTime();
    post(b.accountsCsv(accounts), file.toString(), false)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.services.unchanged").value(services));
    System.out.printf(
        "Bulk re-import on %s (all unchanged): %,d accounts + %,d services in %.2f s%n",
        database(), accounts, services, (System.nanoTime() - start) / 1e9);
  }

  // ---- command line ---------------------------------------------------------------------------

  @Test
  void theCommandLineImportsTheFilesAndExitsWithZero(@TempDir Path dir) throws Exception {
    Batch b = new Batch();
    Path accounts = Files.writeString(dir.resolve("accounts.csv"), b.accountsCsv(2));
    Path services =
        Files.writeString(
            dir.resolve("services.jsonl"),
            line(Map.of("type", "zone", "name", b.service(1), "admin", b.nic(2))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        command.execute(
            new String[] {
              "import", "--accounts", accounts.toString(), "--services=" + services, "--x.y=z"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"imported\" : 2");
    assertThat(exists("accounts", "nic", b.nic(1))).isTrue();
    assertThat(service("zone", b.service(1))).containsEntry("admin_nic", b.nic(2));
    assertThat(
            jdbc.sql(
                    "select actor from audit_log where action = 'operator.import'"
                        + " order by id desc fetch first 1 rows only")
                .query(String.class)
                .single())
        .startsWith("cli:");
  }

  @Test
  void theCommandLineReportsBadRowsAndExitsWithOne(@TempDir Path dir) throws Exception {
    Batch b = new Batch();
    Path services =
        Files.writeString(
            dir.resolve("services.csv"),
            "type,name,admin\nvps," + b.service(1) + "," + b.nic(1) + "\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    assertThat(
            command.execute(
                new String[] {"import", "--services", services.toString()}, out, errors))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Invalid rows: 1; nothing was imported.")
        .contains("services:2: The admin contact " + b.nic(1) + " is neither");
    assertThat(exists("services", "name", b.service(1))).isFalse();

    assertThat(command.execute(new String[] {"import"}, out, errors)).isEqualTo(1);
    assertThat(command.execute(new String[] {"import", "--accounts"}, out, errors)).isEqualTo(1);
    assertThat(command.execute(new String[] {"import", "--bogus"}, out, errors)).isEqualTo(1);
    assertThat(
            command.execute(
                new String[] {"import", "--accounts", dir.resolve("missing.csv").toString()},
                out,
                errors))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(ImportCommand.USAGE);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private ResultActions post(String accounts, String services, boolean dryRun) throws Exception {
    MockMultipartHttpServletRequestBuilder request = upload(accounts, services);
    if (dryRun) {
      request.param("dryRun", "true");
    }
    return mvc.perform(request);
  }

  private static MockMultipartHttpServletRequestBuilder upload(String accounts, String services) {
    MockMultipartHttpServletRequestBuilder request = multipart("/operator/v1/import");
    if (accounts != null) {
      request.file(new MockMultipartFile("accounts", "accounts.csv", "text/csv", bytes(accounts)));
    }
    if (services != null) {
      request.file(new MockMultipartFile("services", "services.csv", "text/csv", bytes(services)));
    }
    request.header("Authorization", "Bearer " + TOKEN);
    return request;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** One JSON line; the values here need no escaping. */
  private static String line(Map<String, String> fields) {
    StringBuilder json = new StringBuilder("{");
    fields.forEach(
        (k, v) ->
            json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v)
                .append('"'));
    return json.append("}\n").toString();
  }

  private String database() throws java.sql.SQLException {
    try (var connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName();
    }
  }

  private long count(String table) {
    return fixtures.sql("select count(*) from " + table);
  }

  private boolean exists(String table, String column, String value) {
    return fixtures.sql("select count(*) from " + table + " where " + column + " = ?", value) > 0;
  }

  private Map<String, Object> service(String type, String name) {
    return jdbc.sql("select * from services where type = ? and name = ?")
        .params(type, name)
        .query()
        .singleRow();
  }

  private Instant expiration(String type, String name) {
    return jdbc.sql("select expires_at from services where type = ? and name = ?")
        .params(type, name)
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
        .single();
  }
}
