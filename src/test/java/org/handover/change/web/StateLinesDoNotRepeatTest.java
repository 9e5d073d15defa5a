package org.handover.change.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.handover.system.Messages;
import org.junit.jupiter.api.Test;

/**
 * A change set's state line ("Awaiting validation — your confirmation is needed") says each thing
 * once, in every language: the status after the dash repeats no word of the state's name ("Awaiting
 * validation — Waiting for your confirmation" did).
 */
class StateLinesDoNotRepeatTest {

  private static final List<Locale> LANGUAGES =
      List.of(Locale.ENGLISH, Locale.ITALIAN, Locale.FRENCH, Locale.GERMAN, new Locale("es"));

  @Test
  void theStatusRepeatsNoWordOfTheStateName() {
    for (Locale locale : LANGUAGES) {
      String state = Messages.format(locale, "state.validatingByCustomers").toLowerCase(locale);
      for (String status :
          List.of(
              Messages.format(locale, "status.waitingForYou"),
              Messages.format(locale, "status.waitingFor", "bb200002-ovh"))) {
        for (String word : status.toLowerCase(locale).split("[^\\p{L}]+")) {
          if (word.length() >= 5) {
            assertThat(state)
                .as(locale + ": \"" + state + " — " + status + "\"")
                .doesNotContain(word.substring(0, 5));
          }
        }
      }
    }
  }
}
