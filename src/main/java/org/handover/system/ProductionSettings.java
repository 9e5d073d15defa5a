package org.handover.system;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Checks, before anything starts, the settings that the {@code prod} profile needs, and the API
 * secret key in every profile: each missing or malformed one is named on one line with what to set
 * and how, instead of an exception from deep inside start-up. Runs after the configuration files
 * are read (lowest precedence among environment post-processors).
 */
public class ProductionSettings implements EnvironmentPostProcessor, Ordered {

  /** One required setting: the property, the variable that sets it, and how to fix it. */
  record Setting(String property, String variable, Predicate<String> valid, String fix) {}

  static final List<Setting> PROD =
      List.of(
          new Setting(
              "spring.datasource.url",
              "SPRING_DATASOURCE_URL",
              v -> v.startsWith("jdbc:postgresql://"),
              "the PostgreSQL database, e.g. jdbc:postgresql://db.example.net:5432/handover"),
          new Setting(
              "spring.datasource.username",
              "SPRING_DATASOURCE_USERNAME",
              v -> !v.isBlank(),
              "the database user"),
          new Setting(
              "spring.datasource.password",
              "SPRING_DATASOURCE_PASSWORD",
              v -> true,
              "the database user's password"),
          new Setting(
              "handover.public-base-url",
              "HANDOVER_PUBLIC_BASE_URL",
              ProductionSettings::isAbsoluteHttpUrl,
              "the address customers open, used in email links, e.g. https://contacts.example.net"),
          new Setting(
              "handover.operator.token",
              "HANDOVER_OPERATOR_TOKEN",
              v -> v.strip().length() >= 32,
              "at least 32 random characters, e.g. from: openssl rand -hex 32"),
          new Setting(
              "spring.mail.host",
              "SPRING_MAIL_HOST",
              v -> !v.isBlank(),
              "the SMTP server that delivers Handover's emails (SPRING_MAIL_PORT, _USERNAME,"
                  + " _PASSWORD as it needs)"));

  static final Setting SECRET_KEY =
      new Setting(
          "handover.api.secret-key",
          "HANDOVER_API_SECRET_KEY",
          ProductionSettings::isKey,
          "32 random bytes in base64, made with: openssl rand -base64 32");

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    List<String> problems = new ArrayList<>();
    boolean prod = environment.acceptsProfiles(Profiles.of("prod"));
    for (Setting setting : prod ? PROD : List.<Setting>of()) {
      check(environment, setting, problems);
    }
    check(environment, SECRET_KEY, problems);
    if (!problems.isEmpty()) {
      throw new MissingSettings(problems);
    }
  }

  private static void check(
      ConfigurableEnvironment environment, Setting setting, List<String> problems) {
    String value;
    try {
      value = environment.getProperty(setting.property());
    } catch (IllegalArgumentException unresolvedPlaceholder) {
      value = null;
    }
    if (value == null) {
      problems.add(
          "Missing setting "
              + setting.property()
              + ": set the environment variable "
              + setting.variable()
              + " to "
              + setting.fix()
              + ".");
    } else if (!setting.valid().test(value)) {
      // the value itself is never printed: it may be a secret
      problems.add(
          "Malformed setting "
              + setting.property()
              + " ("
              + setting.variable()
              + "): it must be "
              + setting.fix()
              + ".");
    }
  }

  static boolean isKey(String value) {
    try {
      return Base64.getDecoder().decode(value.strip()).length == 32;
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  static boolean isAbsoluteHttpUrl(String value) {
    try {
      URI uri = URI.create(value.strip());
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException notAUri) {
      return false;
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /** Start-up stops: one line per setting that is missing or malformed. */
  public static class MissingSettings extends IllegalStateException {
    final List<String> problems;

    MissingSettings(List<String> problems) {
      super(String.join(System.lineSeparator(), problems));
      this.problems = List.copyOf(problems);
    }
  }

  /** Reports {@link MissingSettings} as Spring Boot's start-up failure report, without a trace. */
  public static class Analyzer extends AbstractFailureAnalyzer<MissingSettings> {
    @Override
    protected FailureAnalysis analyze(Throwable root, MissingSettings cause) {
      return new FailureAnalysis(
          cause.getMessage(),
          "Set the environment variables named above (README, \"Production\") and start again.",
          cause);
    }
  }
}
