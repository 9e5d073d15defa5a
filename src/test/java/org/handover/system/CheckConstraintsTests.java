package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.handover.catalog.ServiceNames;
import org.handover.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database refuses, by its CHECK constraints (migration V81), rows that break the rules the
 * code enforces, when they come in by plain SQL; each refusal is set against a row that differs
 * only in the bad value and goes in, so that the constraint, not something else, refuses it.
 */
abstract class CheckConstraintsTests extends IntegrationTest {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  @Autowired JdbcClient jdbc;

  private static int next() {
    return SEQUENCE.incrementAndGet();
  }

  private Map<String, Object> account() {
    int n = next();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("nic", "ck" + (100000 + n) + "-ovh");
    row.put("email", "check" + n + "@example.net");
    row.put("first_name", "Ann");
    row.put("last_name", "Holder");
    row.put("organisation", "Rossi & Figli");
    row.put("language", "en");
    row.put("state", "active");
    row.put("debt_currency", "EUR");
    row.put("created_at", NOW);
    return row;
  }

  private Map<String, Object> service(String holder) {
    int n = next();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("type", "domain");
    row.put("name", "check-" + n + ".example");
    row.put("sort_key", ServiceNames.sortKey("check-" + n + ".example"));
    row.put("display_name", "Check " + n);
    row.put("status", "ok");
    row.put("created_at", NOW);
    row.put("admin_nic", holder);
    row.put("tech_nic", holder);
    row.put("billing_nic", holder);
    return row;
  }

  private void insert(String table, Map<String, Object> row) {
    jdbc.sql(
            "insert into "
                + table
                + " ("
                + String.join(", ", row.keySet())
                + ") values ("
                + String.join(", ", row.keySet().stream().map(c -> "?").toList())
                + ")")
        .params(row.values().stream().toList())
        .update();
  }

  private void refused(String table, Map<String, Object> good, String column, Object bad) {
    Map<String, Object> row = new LinkedHashMap<>(good);
    row.put(column, bad);
    assertThatThrownBy(() -> insert(table, row))
        .as("%s.%s = %s", table, column, bad)
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void accountsRefuseMalformedIdsEmailsNamesAndCurrencies() {
    Map<String, Object> good = account();
    refused("accounts", good, "nic", "CK999999-OVH");
    refused("accounts", good, "nic", "ck999999");
    refused("accounts", good, "email", "no-at-sign.example.net");
    refused("accounts", good, "email", "two words@example.net");
    refused("accounts", good, "email", "victim@example.net\nBcc: evil@example.net");
    refused("accounts", good, "first_name", "  ");
    refused("accounts", good, "last_name", "Line\r\nBreak");
    refused("accounts", good, "organisation", "Two\nlines");
    refused("accounts", good, "debt_currency", "eur");
    refused("accounts", good, "language", "pt");
    refused("accounts", good, "state", "gone");

    insert("accounts", good);
    assertThat(jdbc.sql("select count(*) from accounts where nic = ?").param(good.get("nic")))
        .extracting(s -> s.query(Long.class).single())
        .isEqualTo(1L);
  }

  /** Every language the code speaks can be an account's and an email's (migration V210). */
  @Test
  void accountsAndEmailsTakeEveryLanguageOfTheCode() {
    for (Language language : Language.values()) {
      Map<String, Object> row = account();
      row.put("language", language.name());
      insert("accounts", row);
      Map<String, Object> mail = new LinkedHashMap<>();
      mail.put("kind", "PASSWORD_RESET");
      mail.put("recipient_email", "constraint-language@example.net");
      mail.put("language", language.name());
      mail.put("payload", "{}");
      mail.put("status", "sent");
      mail.put("next_attempt_at", NOW);
      mail.put("created_at", NOW);
      insert("mail_outbox", mail);
    }
    assertThat(
            jdbc.sql("delete from mail_outbox where recipient_email = ?")
                .param("constraint-language@example.net")
                .update())
        .isEqualTo(Language.values().length);
  }

  @Test
  void servicesRefuseUnknownTypesNamesNotCanonicalAndMultiLineDisplayNames() {
    Map<String, Object> holder = account();
    insert("accounts", holder);
    Map<String, Object> good = service((String) holder.get("nic"));
    refused("services", good, "type", "vpn");
    refused("services", good, "name", "Upper-Case.example");
    refused("services", good, "name", "trailing-dot.example.");
    refused("services", good, "name", "with space.example");
    refused("services", good, "name", "");
    refused("services", good, "display_name", "Shop\r\nBcc: x");

    insert("services", good);
  }

  @Test
  void outboxAndWebhooksRefuseUnknownLanguagesAndNonHttpTargets() {
    Map<String, Object> mail = new LinkedHashMap<>();
    mail.put("kind", "PASSWORD_RESET");
    mail.put("recipient_email", "constraint-check@example.net");
    mail.put("language", "en");
    mail.put("payload", "{}");
    mail.put("status", "pending");
    mail.put("next_attempt_at", NOW);
    mail.put("created_at", NOW);
    refused("mail_outbox", mail, "language", "pt");
    insert("mail_outbox", mail);

    Map<String, Object> webhook = new LinkedHashMap<>();
    webhook.put("url", "https://hooks.example.net/handover");
    webhook.put("secret_sealed", "sealed");
    webhook.put("events", "contactChange.done");
    webhook.put("created_at", NOW);
    refused("webhooks", webhook, "url", "ftp://hooks.example.net/");
    refused("webhooks", webhook, "url", "javascript:alert(1)");
    insert("webhooks", webhook);

    // the context is shared: no email to send and no webhook to call is left for other tests
    assertThat(
            jdbc.sql("delete from mail_outbox where recipient_email = ?")
                .param("constraint-check@example.net")
                .update())
        .isEqualTo(1);
    assertThat(
            jdbc.sql("delete from webhooks where url = ?")
                .param("https://hooks.example.net/handover")
                .update())
        .isEqualTo(1);
  }
}
