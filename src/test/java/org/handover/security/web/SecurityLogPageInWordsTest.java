package org.handover.security.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.util.Locale;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The security log page speaks the reader's language in every column: the browser with its joining
 * word ("sous", "unter") and "Unknown browser" translated, and the detail in words ("Modification
 * n° 12 acceptée") — never the stored tokens such as {@code party.accepted set 12}.
 */
class SecurityLogPageInWordsTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  private void line(Nic nic, String event, String by, String address, String browser, String d) {
    jdbc.sql(
            "insert into security_log (nic, at, event, by_whom, address, browser, detail)"
                + " values (?, ?, ?, ?, ?, ?, ?)")
        .params(nic.value(), java.sql.Timestamp.from(Instant.now()), event, by, address, browser, d)
        .update();
  }

  private String page(Nic nic, Locale locale) throws Exception {
    return mvc.perform(
            get("/account/security/log").locale(locale).with(user(nic.value()).roles("CUSTOMER")))
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  @Test
  void browsersAndDetailsAreWordsInTheReadersLanguage() throws Exception {
    Nic me = fixtures.account();
    line(me, "handOver", null, "203.0.113.7", "Firefox 133 on Windows", "party.accepted set 12");
    line(me, "keyCreated", null, "203.0.113.7", null, "key 3");
    line(me, "recoveryCodeUsed", null, null, null, "7 left");
    line(me, "passwordChanged", null, "203.0.113.7", "Chrome 120 on Linux", "passwordReset");
    line(me, "sessionEnded", "staff:Sam", null, null, null);

    String fr = page(me, Locale.FRENCH);
    assertThat(fr)
        .contains("Firefox 133 sous Windows")
        .contains("Navigateur inconnu")
        .contains("Modification n° 12 acceptée")
        .contains("Clé d’API n° 3")
        .contains("Il reste 7 codes de secours")
        .contains("support (Sam)")
        .doesNotContain(" on Windows")
        .doesNotContain("party.accepted")
        .doesNotContain("passwordReset")
        .doesNotContain("staff:Sam");
    String de = page(me, Locale.GERMAN);
    assertThat(de)
        .contains("Firefox 133 unter Windows")
        .contains("Änderung Nr. 12 angenommen")
        .contains("über einen Link zum Zurücksetzen des Passworts");
    assertThat(page(me, Locale.ENGLISH))
        .contains("Accepted change set #12")
        .contains("Unknown browser")
        .contains("7 recovery codes left");
  }
}
