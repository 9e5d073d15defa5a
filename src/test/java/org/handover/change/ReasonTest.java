package org.handover.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.handover.contact.ContactRole;
import org.handover.system.Nic;
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

  private static final Nic AA = new Nic("aa1111-ovh");
  private static final Nic BB = new Nic("bb2222-ovh");
  private static final Nic CC = new Nic("cc3333-ovh");

  /**
   * On a page, who did not answer in time is a list in the reader's language, the reader among them
   * as "you" wherever they stand in it; one who refused reads "You refused it".
   */
  @Test
  void aReaderReadsPeopleAsAListAndThemselvesAsYou() {
    Reason expired = Reason.of("reason.expired", AA + ", " + BB + ", " + CC);
    assertThat(expired.messageTo(Locale.ENGLISH, new Nic("dd4444-ovh")))
        .isEqualTo("No answer in time from " + AA + ", " + BB + " and " + CC + ".");
    assertThat(expired.messageTo(Locale.ENGLISH, CC))
        .isEqualTo("No answer in time from you, " + AA + " and " + BB + ".");
    assertThat(expired.messageTo(Locale.ITALIAN, BB))
        .isEqualTo("Nessuna risposta in tempo da te, " + AA + " e " + CC + ".");
    assertThat(expired.messageTo(Locale.GERMAN, AA))
        .isEqualTo("Keine rechtzeitige Antwort von Ihnen, " + BB + " und " + CC + ".");
    assertThat(Reason.of("reason.expired", AA + ", " + BB).messageTo(new Locale("es"), AA))
        .isEqualTo("Sin respuesta a tiempo de usted y " + BB + ".");
    assertThat(Reason.of("reason.expired", AA.value()).messageTo(Locale.FRENCH, AA))
        .isEqualTo("Vous n’avez pas répondu à temps.");

    Reason refused = Reason.of("reason.refusedBecause", BB.value(), "not mine");
    assertThat(refused.messageTo(Locale.ENGLISH, BB)).isEqualTo("You refused it: “not mine”");
    assertThat(refused.messageTo(Locale.ENGLISH, AA))
        .isEqualTo("Refused by " + BB + ": “not mine”");
    Reason stillHeld =
        new Reason("policy.roleIsStillHeld", List.of(AA.value(), ContactRole.tech, "x.example"));
    assertThat(stillHeld.messageTo(Locale.ENGLISH, AA))
        .isEqualTo("You no longer hold the technical role of x.example.");
    assertThat(stillHeld.messageTo(Locale.ENGLISH, BB))
        .isEqualTo(AA + " no longer holds the technical role of x.example.");
  }
}
