package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every user-visible string exists in English, Italian and French, with the same arguments. */
class MessageBundlesTest {

  private static final Pattern ARGUMENT = Pattern.compile("\\{\\s*(\\d+)\\s*[,}]");

  private static final Map<String, Locale> FILES =
      Map.of(
          "messages.properties", Locale.ENGLISH,
          "messages_it.properties", Locale.ITALIAN,
          "messages_fr.properties", Locale.FRENCH);

  private final Properties english = load("messages.properties");
  private final Map<String, Properties> translations =
      new LinkedHashMap<>(
          Map.of(
              "messages_it.properties", load("messages_it.properties"),
              "messages_fr.properties", load("messages_fr.properties")));

  @Test
  void everyLanguageHasExactlyTheEnglishKeys() {
    assertThat(english).isNotEmpty();
    translations.forEach(
        (file, translation) ->
            assertThat(translation.stringPropertyNames())
                .as(file)
                .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames()));
  }

  @Test
  void noMessageIsBlank() {
    forEachMessage(
        (file, key, pattern) -> assertThat(pattern).as("%s in %s", key, file).isNotBlank());
  }

  @Test
  void everyPatternParses() {
    forEachMessage(
        (file, key, pattern) ->
            assertThatCode(() -> new MessageFormat(pattern, FILES.get(file)))
                .as("%s in %s", key, file)
                .doesNotThrowAnyException());
  }

  @Test
  void noPatternUsesAPlainApostropheThatMessageFormatWouldSwallow() {
    forEachMessage(
        (file, key, pattern) -> assertThat(pattern).as("%s in %s", key, file).doesNotContain("'"));
  }

  @Test
  void everyLanguageUsesTheSameArguments() {
    for (String key : english.stringPropertyNames()) {
      Set<Integer> expected = arguments(english.getProperty(key));
      translations.forEach(
          (file, translation) -> {
            String pattern = translation.getProperty(key);
            if (pattern != null) {
              assertThat(arguments(pattern))
                  .as("arguments of %s in %s", key, file)
                  .isEqualTo(expected);
            }
          });
    }
  }

  @Test
  void argumentsFoundAreTheOnesMessageFormatSees() {
    forEachMessage(
        (file, key, pattern) -> {
          TreeSet<Integer> found = arguments(pattern);
          int highest = found.isEmpty() ? -1 : found.last();
          assertThat(new MessageFormat(pattern, FILES.get(file)).getFormatsByArgumentIndex())
              .as("%s in %s", key, file)
              .hasSize(highest + 1);
        });
  }

  // ---- helpers -----------------------------------------------------------------------------

  private interface MessageCheck {
    void check(String file, String key, String pattern);
  }

  private void forEachMessage(MessageCheck check) {
    Map<String, Properties> all = new LinkedHashMap<>();
    all.put("messages.properties", english);
    all.putAll(translations);
    all.forEach(
        (file, properties) ->
            properties
                .stringPropertyNames()
                .forEach(key -> check.check(file, key, properties.getProperty(key))));
  }

  private static TreeSet<Integer> arguments(String pattern) {
    TreeSet<Integer> indices = new TreeSet<>();
    Matcher m = ARGUMENT.matcher(pattern);
    while (m.find()) {
      indices.add(Integer.parseInt(m.group(1)));
    }
    return indices;
  }

  /** Loads a bundle as strict UTF-8: a byte sequence that is not UTF-8 fails the test. */
  private static Properties load(String name) {
    Properties properties = new Properties();
    try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/" + name)) {
      assertThat(in).as(name + " on the classpath").isNotNull();
      try (Reader reader =
          new InputStreamReader(
              in,
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT))) {
        properties.load(reader);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
    return properties;
  }
}
