package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A browser's or a file's language tag comes to one of the languages Handover speaks. */
class LanguageTest {

  @Test
  void regionalTagsComeToTheirLanguage() {
    assertThat(Language.of("de-AT")).isEqualTo(Language.de);
    assertThat(Language.of("DE")).isEqualTo(Language.de);
    assertThat(Language.of("es-419")).isEqualTo(Language.es);
    assertThat(Language.of(" es-ES ")).isEqualTo(Language.es);
    assertThat(Language.of("fr-CA")).isEqualTo(Language.fr);
  }

  @Test
  void anUnknownOrMissingTagIsEnglish() {
    assertThat(Language.of("pt-BR")).isEqualTo(Language.en);
    assertThat(Language.of("desk")).isEqualTo(Language.en);
    assertThat(Language.of(null)).isEqualTo(Language.en);
  }

  @Test
  void eachLanguageHasItsLocaleItsOwnNameAndTheReferenceApisName() {
    assertThat(Language.de.locale()).isEqualTo(Locale.GERMAN);
    assertThat(Language.es.locale().getLanguage()).isEqualTo("es");
    assertThat(Language.de.nativeName()).isEqualTo("Deutsch");
    assertThat(Language.es.nativeName()).isEqualTo("Español");
    for (Language l : Language.values()) {
      assertThat(l.referenceName()).matches(l.name() + "_[A-Z]{2}");
    }
    assertThat(Language.tags()).isEqualTo("en, it, fr, de, es");
  }
}
