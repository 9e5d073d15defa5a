package org.handover.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A refused account field is named as the forms label it and says what to type, with the limit of
 * its column, in every language: never "The field firstName is missing or not valid".
 */
class InvalidFieldNamesItsLabelTest {

  private static final List<Locale> LANGUAGES =
      List.of(Locale.ENGLISH, Locale.ITALIAN, Locale.FRENCH, Locale.GERMAN, new Locale("es"));

  @Test
  void aCustomersFieldIsNamedInWordsWithItsLimit() {
    for (Locale locale : LANGUAGES) {
      for (String field : List.of("firstName", "lastName", "organisation")) {
        String message = new InvalidField(field).message(locale);
        assertThat(message).as(field + " " + locale).doesNotContain(field).doesNotContain("{");
      }
      assertThat(new InvalidField("firstName").message(locale)).contains("100");
      assertThat(new InvalidField("organisation").message(locale)).contains("200");
      assertThat(new InvalidField("email").message(locale)).contains("@");
    }
    assertThat(new InvalidField("lastName").message(Locale.ENGLISH))
        .isEqualTo("Enter your last name, on one line (up to 100 characters).");
  }
}
