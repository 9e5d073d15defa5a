package org.handover.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The canonical form's short cut: a name already in its stored form is answered without the IDN
 * conversion, and the answer is the conversion's own for every name, whether the short cut takes it
 * or not.
 */
class ServiceNamesTest {

  @Test
  void theShortCutAnswersAsTheConversionForEveryKindOfName() {
    List<String> names =
        new ArrayList<>(
            List.of(
                "example.com",
                "vps-1234.example.net",
                "a",
                "a_b.example",
                "xn--bcher-kva.example",
                "xn--zz.example",
                "a..b",
                ".a",
                "a.",
                "-a.example",
                "_a.example",
                "a-.example",
                "Example.com",
                " example.com",
                "bücher.example",
                "аlice.example",
                "a".repeat(63) + ".example",
                "a".repeat(64) + ".example",
                ("abcdefghi." + "x".repeat(50) + ".").repeat(4) + "com",
                "b".repeat(254),
                "b".repeat(255),
                ""));
    Random random = new Random(27);
    String alphabet = "abz09.-_A.é";
    for (int n = 0; n < 5_000; n++) {
      StringBuilder name = new StringBuilder();
      for (int k = random.nextInt(12); k >= 0; k--) {
        name.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      names.add(name.toString());
    }

    for (String name : names) {
      assertThat(ServiceNames.canonical(name)).as(name).isEqualTo(ServiceNames.converted(name));
    }
    assertThat(ServiceNames.isCanonical("vps-1234.example.net")).isTrue();
    assertThat(ServiceNames.isCanonical("Example.com")).isFalse();
    assertThat(ServiceNames.isCanonical("a".repeat(64) + ".example")).isFalse();
  }
}
