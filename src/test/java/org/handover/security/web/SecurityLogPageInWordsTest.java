package org.handover.security.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.handover.audit.Browsers;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.security.BrowserNames;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The security log speaks the reader's language in every column, from the line's codes: the browser
 * with its joining word ("sous", "unter"), who acted in words true for the reader ("Sie",
 * "Support-Team", the provider's system — never a stored identity such as {@code staff:Sam} or an
 * operator's ID), why or how as its own phrase in the detail column (never in "By"), addresses in
 * their canonical form ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}), and no label beside an empty
 * cell. Staff in the console read the same words, "The customer" for "you", and the technical
 * record.
 */
class SecurityLogPageInWordsTest extends IntegrationTest {

  private static final Pattern EMPTY_LABELLED = Pattern.compile("data-label=\"[^\"]*\"[^>]*></td>");

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired SecurityLog log;
  @Autowired BrowserNames browsers;

  /** A line as Handover writes it: event, who (code and identity), why (code and number). */
  private void line(
      Nic nic,
      String event,
      String actor,
      String by,
      String reason,
      Long ref,
      String address,
      Browsers.Recognised browser,
      String detail) {
    jdbc.sql(
            "insert into security_log (nic, at, event, actor, by_whom, reason, ref_number, address,"
                + " browser, browser_system, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            nic.value(),
            java.sql.Timestamp.from(Instant.now()),
            event,
            actor,
            by,
            reason,
            ref,
            address,
            browser == null ? null : browser.browser(),
            browser == null ? null : browser.system(),
            detail)
        .update();
  }

  private String page(Nic nic, Locale locale) throws Exception {
    return mvc.perform(
            get("/account/security/log").locale(locale).with(user(nic.value()).roles("CUSTOMER")))
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  private String console(Nic nic, String language) throws Exception {
    return mvc.perform(
            get("/operator/console/accounts/" + nic.value())
                .header("Accept-Language", language)
                .with(user("vera").authorities(new SimpleGrantedAuthority("STAFF_VIEWER"))))
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  /** The text of each cell of one class ("by", "detail"…), in page order. */
  private static List<String> cells(String html, String type) {
    return Pattern.compile("class=\"" + type + "\"[^>]*>([^<]*)</td>")
        .matcher(html)
        .results()
        .map(m -> m.group(1).strip())
        .toList();
  }

  @Test
  void browsersAndDetailsAreWordsInTheReadersLanguage() throws Exception {
    Nic me = fixtures.account();
    line(
        me,
        "handOver",
        "customer",
        null,
        "changeAccepted",
        12L,
        "203.0.113.7",
        new Browsers.Recognised("Firefox 133", "Windows"),
        null);
    line(me, "keyCreated", "customer", null, "apiKey", 3L, "203.0.113.7", null, null);
    line(me, "recoveryCodeUsed", "customer", null, "codesLeft", 7L, null, null, null);
    line(
        me,
        "passwordChanged",
        "customer",
        null,
        "resetLink",
        null,
        "203.0.113.7",
        new Browsers.Recognised("Chrome 120", "Linux"),
        null);
    line(me, "factorAdded", "customer", null, null, null, null, null, "Phone of Ada");

    String fr = page(me, Locale.FRENCH);
    assertThat(fr)
        .contains("Firefox 133 sous Windows")
        .contains("Navigateur inconnu")
        .contains("Demande n° 12 acceptée")
        .contains("Clé d’API n° 3")
        .contains("Il reste 7 codes de secours")
        .contains("Phone of Ada")
        .doesNotContain(" on Windows")
        .doesNotContain("changeAccepted")
        .doesNotContain("resetLink");
    assertThat(page(me, Locale.GERMAN))
        .contains("Firefox 133 unter Windows")
        .contains("Anfrage Nr. 12 angenommen")
        .contains("Über einen Link zum Zurücksetzen des Passworts");
    assertThat(page(me, Locale.forLanguageTag("es")))
        .contains("Chrome 120 en Linux")
        .contains("Aceptada la solicitud n.º 12")
        .contains("Firefox 133 en Windows");
    assertThat(page(me, Locale.ENGLISH))
        .contains("Accepted request #12")
        .doesNotContain("change set")
        .contains("Unknown browser")
        .contains("7 recovery codes left");
  }

  @Test
  void aNewLineNamesItsBrowserAsTheSessionsListDoesInTheReadersLanguage() throws Exception {
    Nic me = fixtures.account();
    String firefox =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.addHeader("User-Agent", firefox);
    request.setRemoteAddr("203.0.113.9");
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    try {
      log.record(me, SecurityEvent.signIn, SecurityLog.Details.none());
    } finally {
      RequestContextHolder.resetRequestAttributes();
    }
    Locale spanish = Locale.forLanguageTag("es");
    assertThat(cells(page(me, spanish), "browser"))
        .containsExactly(browsers.name(firefox, spanish))
        .containsExactly("Firefox 133 en Windows");
    assertThat(cells(page(me, Locale.GERMAN), "browser"))
        .containsExactly("Firefox 133 unter Windows");
    assertThat(cells(console(me, "es"), "browser")).containsExactly("Firefox 133 en Windows");
  }

  @Test
  void whoActedIsSaidTrueForTheCustomerAndTheReasonIsItsOwnPhrase() throws Exception {
    Nic me = fixtures.account();
    line(me, "emailChanged", "operator", "ops-billing-7", null, null, null, null, null);
    line(me, "accountCreated", "provider", "provider", null, null, null, null, null);
    line(me, "sessionEnded", "staff", "staff:Sam", null, null, null, null, null);
    line(me, "keyEnded", "customer", null, "afterPasswordChange", null, null, null, null);
    line(me, "sessionEnded", null, "suspended", "suspended", null, null, null, null);

    String de = page(me, Locale.GERMAN);
    assertThat(cells(de, "by"))
        .containsExactly(
            "Nicht erfasst",
            "Sie",
            "Support-Team",
            "Anmeldung beim Anbieter",
            "Das System des Anbieters (Operator-API)");
    assertThat(cells(de, "detail"))
        .containsExactly("Das Konto ist gesperrt", "Weil das Passwort geändert wurde", "", "", "");
    assertThat(de).doesNotContain("staff:Sam", "ops-billing-7", "passwordChanged", "suspended<");

    String es = page(me, Locale.forLanguageTag("es"));
    assertThat(cells(es, "by"))
        .containsExactly(
            "No registrado",
            "Usted",
            "Equipo de soporte",
            "Inicio de sesión con el proveedor",
            "El sistema del proveedor (API de operador)");
    assertThat(cells(es, "detail"))
        .startsWith("La cuenta está suspendida", "Porque se cambió la contraseña");
    assertThat(es).doesNotContain("staff:Sam", "ops-billing-7");
  }

  @Test
  void addressesAreShownInTheirCanonicalForm() throws Exception {
    Nic me = fixtures.account();
    line(me, "signIn", "customer", null, null, null, "0:0:0:0:0:0:0:1", null, null);
    line(me, "signIn", "customer", null, null, null, "0:0:0:0:0:ffff:c000:280", null, null);
    line(me, "signIn", "customer", null, null, null, "2001:db8:0:0:0:0:0:7", null, null);
    for (String html : List.of(page(me, Locale.GERMAN), console(me, "es"))) {
      assertThat(cells(html, "address")).containsExactly("2001:db8::7", "192.0.2.128", "::1");
      assertThat(html).doesNotContain("0:0:0:0");
    }
  }

  @Test
  void aCellWithNothingToSayCarriesNoLabel() throws Exception {
    Nic me = fixtures.account();
    line(me, "signOut", "customer", null, null, null, "203.0.113.7", null, null);
    line(me, "signIn", "customer", null, null, null, "203.0.113.7", null, null);
    for (Locale locale : List.of(Locale.GERMAN, Locale.forLanguageTag("es"))) {
      String html = page(me, locale);
      assertThat(html).contains("data-event=\"signOut\"");
      assertThat(EMPTY_LABELLED.matcher(html).find()).as(html).isFalse();
    }
  }

  @Test
  void staffReadTheSameWordsAboutTheCustomerWithTheTechnicalRecord() throws Exception {
    Nic me = fixtures.account();
    line(me, "sessionEnded", "staff", "staff:Sam", null, null, null, null, null);
    line(me, "keyEnded", "customer", null, "afterPasswordChange", null, null, null, null);
    line(me, "keyCreated", "customer", null, "apiKey", 3L, null, null, null);

    String en = console(me, "en");
    assertThat(cells(en, "by")).containsExactly("The customer", "The customer", "Support staff");
    assertThat(cells(en, "detail"))
        .containsExactly("API key #3", "Because the password was changed", "");
    assertThat(en)
        .contains("<code class=\"record\">apiKey 3</code>")
        .contains("<code class=\"record\">afterPasswordChange</code>")
        .contains("<code class=\"record\">staff:Sam</code>");
    assertThat(EMPTY_LABELLED.matcher(en).find()).isFalse();
  }
}
