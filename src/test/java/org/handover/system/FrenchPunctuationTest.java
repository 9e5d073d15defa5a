package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * French sets a narrow no-break space (U+202F) before {@code : ; ? !} and inside guillemets, the
 * same everywhere: never a plain space (a line may break before the colon), nor none. Colons inside
 * an address or a time ({@code https://}, {@code 14:30}) are not punctuation and stay as they are.
 */
class FrenchPunctuationTest {

  private static final char NARROW = '\u202f';

  /** A colon, semicolon, question or exclamation mark that ends a phrase. */
  private static final Pattern PUNCTUATION = Pattern.compile("([:;?!])(?=\\s|$)");

  static List<String> wronglySpaced(String key, String text) {
    List<String> wrong = new ArrayList<>();
    Matcher m = PUNCTUATION.matcher(text);
    while (m.find()) {
      if (m.start() == 0 || text.charAt(m.start() - 1) != NARROW) {
        int from = Math.max(0, m.start() - 12);
        wrong.add(key + ": …" + text.substring(from, m.end()));
      }
    }
    if (text.matches("(?s).*«[^\u202f].*") || text.matches("(?s).*[^\u202f]».*")) {
      wrong.add(key + ": guillemets without a narrow no-break space inside");
    }
    return wrong;
  }

  @Test
  void everyFrenchMessageSpacesItsPunctuationTheSameWay() throws IOException {
    Properties french = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/messages_fr.properties")) {
      french.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    List<String> wrong = new ArrayList<>();
    french.stringPropertyNames().stream()
        .sorted()
        .forEach(key -> wrong.addAll(wronglySpaced(key, french.getProperty(key))));
    assertThat(wrong).isEmpty();
  }

  @Test
  void theCheckSeesAPlainSpaceNoSpaceAndAddressesApart() {
    assertThat(wronglySpaced("k", "Rappel : réponse attendue")).hasSize(1);
    assertThat(wronglySpaced("k", "Rappel: réponse attendue")).hasSize(1);
    assertThat(wronglySpaced("k", "Mot de passe oublié ?")).hasSize(1);
    assertThat(wronglySpaced("k", "le « code »")).hasSize(1);
    assertThat(wronglySpaced("k", "Rappel\u202f: ouvrez https://exemple.fr à 14:30\u202f!"))
        .isEmpty();
    assertThat(wronglySpaced("k", "le «\u202fcode\u202f»")).isEmpty();
  }
}
