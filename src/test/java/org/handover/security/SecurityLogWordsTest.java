package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.handover.audit.Browsers;
import org.handover.audit.SecurityActor;
import org.handover.audit.SecurityEntry;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityReason;
import org.handover.system.Language;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The words of a security log line come from its codes, in every language: each actor and each
 * reason has its own phrase (never the code itself), the customer reads "You" where staff read "The
 * customer", the detail holds the reason and its number, staff alone get the technical record, and
 * a line without address or browser says nothing of them.
 */
class SecurityLogWordsTest {

  private final SecurityLogWords words =
      new SecurityLogWords(messages(), new BrowserNames(messages(), new Browsers()));

  private static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasename("messages");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }

  private static SecurityEntry entry(
      SecurityActor actor, String by, SecurityReason reason, Long ref, String address) {
    return new SecurityEntry(
        1,
        Instant.EPOCH,
        SecurityEvent.sessionEnded,
        null,
        null,
        actor,
        by,
        reason,
        ref,
        address,
        null,
        null,
        null);
  }

  private SecurityLogWords.Line line(SecurityEntry e, Locale locale, SecurityLogWords.Reader r) {
    return words.lines(List.of(e), locale, r).get(0);
  }

  @Test
  void everyActorAndReasonHasItsOwnWordsInEveryLanguage() {
    for (Language language : Language.values()) {
      Locale locale = language.locale();
      for (SecurityActor actor : SecurityActor.values()) {
        String by =
            line(entry(actor, null, null, null, null), locale, SecurityLogWords.Reader.customer)
                .by();
        assertThat(by)
            .as("%s %s", language, actor)
            .isNotBlank()
            .isNotEqualToIgnoringCase(actor.name())
            .doesNotContain("securityLog.");
      }
      for (SecurityReason reason : SecurityReason.values()) {
        String detail =
            line(
                    entry(SecurityActor.customer, null, reason, 12L, null),
                    locale,
                    SecurityLogWords.Reader.customer)
                .detail();
        assertThat(detail)
            .as("%s %s", language, reason)
            .isNotBlank()
            .isNotEqualToIgnoringCase(reason.name())
            .doesNotContain("securityLog.", "{0");
      }
    }
  }

  @Test
  void theCustomerIsYouToThemselvesAndTheCustomerToStaffWhoAlsoGetTheRecord() {
    SecurityEntry e =
        entry(SecurityActor.customer, null, SecurityReason.apiKey, 3L, "0:0:0:0:0:0:0:1");
    SecurityLogWords.Line mine = line(e, Locale.ENGLISH, SecurityLogWords.Reader.customer);
    assertThat(mine.by()).isEqualTo("You");
    assertThat(mine.detail()).isEqualTo("API key #3");
    assertThat(mine.address()).isEqualTo("::1");
    assertThat(mine.record()).isNull();
    SecurityLogWords.Line staff = line(e, Locale.ENGLISH, SecurityLogWords.Reader.staff);
    assertThat(staff.by()).isEqualTo("The customer");
    assertThat(staff.record()).isEqualTo("apiKey 3");
  }

  @Test
  void whoIsNotRecordedSaysSoAndABackgroundLineHasNoAddressNorBrowser() {
    SecurityLogWords.Line old =
        line(
            entry(null, "suspended", SecurityReason.suspended, null, null),
            Locale.GERMAN,
            SecurityLogWords.Reader.staff);
    assertThat(old.by()).isEqualTo("Nicht erfasst");
    assertThat(old.detail()).isEqualTo("Das Konto ist gesperrt");
    assertThat(old.address()).isEmpty();
    assertThat(old.browser()).isEmpty();
    assertThat(old.how()).isEmpty();
    assertThat(old.record()).isEqualTo("suspended · suspended");
  }
}
