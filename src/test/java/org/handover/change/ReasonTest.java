package org.handover.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.handover.contact.ContactRole;
import org.junit.jupiter.api.Test;

/** A reason is stored and read back as given: a person's words are never read as data. */
class ReasonTest {

  @Test
  void wordsThatLookLikeMarkupComeBackAsTyped() {
    for (String said :
        List.of(
            "role:",
            "role:nobody",
            "role:admin",
            "a|b|role:tech",
            "back\\slash \\| and |",
            "{0} {1,number} '",
            "@2|reason.expired")) {
      Reason stored =
          Reason.decode(Reason.of("reason.refusedBecause", "aa1234-ovh", said).encode());
      assertThat(stored.args()).as(said).containsExactly("aa1234-ovh", said);
      assertThat(stored.message(Locale.ENGLISH)).as(said).contains(said);
    }
  }

  @Test
  void rolesStayTranslatable() {
    Reason stored =
        Reason.decode(new Reason("policy.notHolder", List.of(ContactRole.tech, "x")).encode());
    assertThat(stored.args()).containsExactly(ContactRole.tech, "x");
  }

  @Test
  void reasonsStoredBeforeReadAsThen() {
    assertThat(Reason.decode("reason.refusedBecause|aa1234-ovh|role:tech").args())
        .containsExactly("aa1234-ovh", ContactRole.tech);
    assertThat(Reason.decode("reason.refusedBecause|aa1234-ovh|role:nobody").args())
        .containsExactly("aa1234-ovh", "role:nobody");
    assertThat(Reason.decode("reason.expired").args()).isEmpty();
  }

  @Test
  void aTooLongReasonIsShortenedNeverCutInsideAnEscape() {
    for (String said : List.of("x".repeat(600), "|".repeat(600), "\\".repeat(300))) {
      String encoded = Reason.of("reason.refusedBecause", "aa1234-ovh", said).encode();
      assertThat(encoded.length()).isLessThanOrEqualTo(500);
      Reason stored = Reason.decode(encoded);
      assertThat(stored.args()).hasSize(2);
      assertThat(said).startsWith((String) stored.args().get(1));
      assertThat((String) stored.args().get(1)).hasSizeGreaterThan(200);
    }
  }
}
