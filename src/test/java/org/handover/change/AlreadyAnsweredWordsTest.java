package org.handover.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.handover.change.ChangeErrors.AlreadyAnswered;
import org.handover.system.Language;
import org.junit.jupiter.api.Test;

/** A second answer is refused in words of the answer given, never the status's internal name. */
class AlreadyAnsweredWordsTest {

  @Test
  void theRefusalSaysWhichAnswerWasGivenInEveryLanguage() {
    for (Language language : Language.values()) {
      Locale locale = language.locale();
      for (PartyStatus given : new PartyStatus[] {PartyStatus.accepted, PartyStatus.refused}) {
        String text = new AlreadyAnswered(42, given).message(locale);
        assertThat(text)
            .as("%s, %s", language, given)
            .contains("42")
            .doesNotContain("(" + given.name() + ")", "change.alreadyAnswered");
      }
      assertThat(new AlreadyAnswered(42, PartyStatus.accepted).message(locale))
          .as(language.name())
          .isNotEqualTo(new AlreadyAnswered(42, PartyStatus.refused).message(locale));
    }
    assertThat(new AlreadyAnswered(7, PartyStatus.refused).message(Locale.ENGLISH))
        .isEqualTo("You have already refused request #7: an answer cannot be changed.");
  }
}
