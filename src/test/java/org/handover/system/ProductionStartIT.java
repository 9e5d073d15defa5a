package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.handover.support.EmbeddedPostgresDatabase;
import org.handover.support.HandoverProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production section (docs/production.md, linked from the README), word for word: the packaged
 * jar with {@code SPRING_PROFILES_ACTIVE=prod} and the environment variables it names, on a real
 * PostgreSQL, starts; without any one of them, or with a malformed secret key, it stops at once
 * with a line naming the setting and how to fix it, and never prints a secret.
 */
class ProductionStartIT {

  private static final Path WORK = Path.of("target", "prod-start");
  private static final String KEY = "VMfttEBsSTNavXqZ3SymgyXeQQgtKvXMNRmdmpOSf0A=";
  private static final String TOKEN = "0123456789abcdef0123456789abcdef-operator";
  private static Map<String, String> complete;

  @BeforeAll
  static void database() throws Exception {
    var pg = EmbeddedPostgresDatabase.server();
    String database = "prod_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var c = pg.getPostgresDatabase().getConnection();
        var s = c.createStatement()) {
      s.execute("create database " + database);
    }
    complete = new LinkedHashMap<>();
    complete.put("SPRING_PROFILES_ACTIVE", "prod");
    complete.put("SPRING_DATASOURCE_URL", pg.getJdbcUrl("postgres", database));
    complete.put("SPRING_DATASOURCE_USERNAME", "postgres");
    complete.put("SPRING_DATASOURCE_PASSWORD", "");
    complete.put("SPRING_MAIL_HOST", "127.0.0.1");
    complete.put("HANDOVER_PUBLIC_BASE_URL", "https://contacts.example.net");
    complete.put("HANDOVER_API_SECRET_KEY", KEY);
    complete.put("HANDOVER_OPERATOR_TOKEN", TOKEN);
  }

  @Test
  void startsWithEverySettingTheReadmeNames() {
    try (HandoverProcess handover = start("complete", complete)) {
      handover.awaitHealthy(Duration.ofMinutes(3));
      assertThat(handover.log()).contains("The following 1 profile is active: \"prod\"");
    }
  }

  @Test
  void stopsWithOneLineNamingEachMissingSetting() {
    List<String> required =
        complete.keySet().stream().filter(k -> !k.equals("SPRING_PROFILES_ACTIVE")).toList();
    for (String variable : required) {
      Map<String, String> without = new LinkedHashMap<>(complete);
      without.remove(variable);
      try (HandoverProcess handover = start("without-" + variable, without)) {
        assertThat(handover.awaitExit(Duration.ofMinutes(2))).as(variable).isNotZero();
        String log = handover.log();
        assertThat(log)
            .as("the log of a start without %s", variable)
            .containsPattern("Missing setting [a-z.-]+: set the environment variable " + variable)
            .doesNotContain(KEY)
            .doesNotContain(TOKEN);
        System.out.println(
            "[prod] without "
                + variable
                + ": "
                + log.lines().filter(l -> l.startsWith("Missing setting")).findFirst().orElse(""));
      }
    }
  }

  @Test
  void stopsOnAMalformedSecretKeyWithoutPrintingIt() {
    Map<String, String> malformed = new LinkedHashMap<>(complete);
    String placeholder = "$(openssl rand -base64 32)";
    malformed.put("HANDOVER_API_SECRET_KEY", placeholder);
    try (HandoverProcess handover = start("malformed-key", malformed)) {
      assertThat(handover.awaitExit(Duration.ofMinutes(2))).isNotZero();
      assertThat(handover.log())
          .contains(
              "Malformed setting handover.api.secret-key (HANDOVER_API_SECRET_KEY): it must be 32"
                  + " random bytes in base64, made with: openssl rand -base64 32.")
          .doesNotContain(placeholder)
          .doesNotContain("Illegal base64 character");
    }
  }

  private static HandoverProcess start(String name, Map<String, String> environment) {
    Map<String, String> env = new LinkedHashMap<>(environment);
    return HandoverProcess.start(
        WORK.resolve(name), WORK.resolve(name + ".log"), List.of("-Xmx384m"), List.of(), env);
  }
}
