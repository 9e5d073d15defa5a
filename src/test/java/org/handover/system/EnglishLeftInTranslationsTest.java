package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No English left in a translation: a value of two words or more that reads exactly as in English
 * was not translated, unless it is a genuine term of that language too (the allow-list); and the
 * API's credentials have a name of their own in the languages that translate it.
 */
class EnglishLeftInTranslationsTest {

  private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");

  /** Values that are the same words in English and in that language, by file and key. */
  private static final Map<String, Set<String>> SAME_IN_BOTH =
      Map.of("messages_de.properties", Set.of("signup.organisation"));

  /** The consumer keys' one name in each language that names them in its own words. */
  private static final Map<String, String> OWN_NAME_FOR_CONSUMER_KEYS =
      Map.of(
          "messages_es.properties", "claves de consumidor",
          "messages_fr.properties", "clés consommateur",
          "messages_it.properties", "chiavi consumer");

  private final Properties english = MessageBundlesTest.load("messages.properties");

  @Test
  void noValueOfSeveralWordsIsLeftInEnglish() {
    List<String> left = new ArrayList<>();
    for (Language language : Language.values()) {
      if (language == Language.en) {
        continue;
      }
      String file = "messages_" + language + ".properties";
      Properties translated = MessageBundlesTest.load(file);
      for (String key : english.stringPropertyNames()) {
        String value = english.getProperty(key);
        if (value.equals(translated.getProperty(key))
            && WORD.matcher(value).results().count() >= 2
            && !SAME_IN_BOTH.getOrDefault(file, Set.of()).contains(key)) {
          left.add(file + " " + key + "=" + value);
        }
      }
    }
    assertThat(left).isEmpty();
  }

  @Test
  void theConsumerKeyIsNamedInTheLanguageThatTranslatesIt() {
    OWN_NAME_FOR_CONSUMER_KEYS.forEach(
        (file, ownName) -> {
          Properties translated = MessageBundlesTest.load(file);
          List<String> english =
              translated.stringPropertyNames().stream()
                  .filter(k -> !k.startsWith("mail."))
                  .filter(
                      k ->
                          translated
                              .getProperty(k)
                              .toLowerCase(Locale.ROOT)
                              .contains("consumer key"))
                  .toList();
          assertThat(english).as(file).isEmpty();
          assertThat(translated.getProperty("security.keys").toLowerCase(Locale.ROOT))
              .contains(ownName);
        });
  }
}
