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
import org.handover.contact.ContactRole;
import org.junit.jupiter.api.Test;

/**
 * Every user-visible string exists in every language of {@link Language} (English, Italian, French,
 * German, Spanish), with the same arguments.
 */
class MessageBundlesTest {

  private static final Pattern ARGUMENT = Pattern.compile("\\{\\s*(\\d+)\\s*[,}]");

  /** One bundle per language the application offers, English being the default file. */
  private static final Map<String, Locale> FILES = new LinkedHashMap<>();

  static {
    for (Language language : Language.values()) {
      FILES.put(
          language == Language.en ? "messages.properties" : "messages_" + language + ".properties",
          language.locale());
    }
  }

  private final Properties english = load("messages.properties");
  private final Map<String, Properties> translations = new LinkedHashMap<>();

  {
    FILES.keySet().stream()
        .filter(file -> !file.equals("messages.properties"))
        .forEach(file -> translations.put(file, load(file)));
  }

  @Test
  void everyLanguageOfTheApplicationHasItsBundle() {
    assertThat(translations)
        .containsOnlyKeys(
            "messages_it.properties",
            "messages_fr.properties",
            "messages_de.properties",
            "messages_es.properties");
  }

  @Test
  void everyLanguageHasExactlyTheEnglishKeys() {
    assertThat(english).isNotEmpty();
    translations.forEach(
        (file, translation) ->
            assertThat(translation.stringPropertyNames())
                .as(file)
                .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames()));
  }

  /** Spanish speaks to the reader as "usted" everywhere, never with the familiar "tú". */
  @Test
  void spanishAddressesTheReaderAsUsted() {
    Pattern familiar =
        Pattern.compile(
            "(?iu)(?<![\\p{L}])(te|tu|tus|ti|puedes|tienes|confirmes|recibiste)(?![\\p{L}])");
    Properties spanish = translations.get("messages_es.properties");
    spanish.stringPropertyNames().stream()
        .sorted()
        .forEach(
            key ->
                assertThat(familiar.matcher(spanish.getProperty(key)).find())
                    .as("%s speaks to the reader with tú: %s", key, spanish.getProperty(key))
                    .isFalse());
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

  /** "request(s)", "richiesta/e", "créée(s)": a count must choose its form, not show both. */
  private static final Pattern HAND_WRITTEN_PLURAL =
      Pattern.compile("\\p{L}(\\((s|e|es|x|i)\\)|/(e|i|es|s)(?!\\p{L}))");

  static boolean hasHandWrittenPlural(String pattern) {
    return HAND_WRITTEN_PLURAL.matcher(pattern).find();
  }

  @Test
  void noMessageWritesAPluralByHand() {
    forEachMessage(
        (file, key, pattern) ->
            assertThat(hasHandWrittenPlural(pattern))
                .as("%s in %s writes a plural by hand: %s", key, file, pattern)
                .isFalse());
  }

  @Test
  void theHandWrittenPluralCheckCatchesTheUsualForms() {
    assertThat(hasHandWrittenPlural("1 request(s) created")).isTrue();
    assertThat(hasHandWrittenPlural("2 richiesta/e creata/e")).isTrue();
    assertThat(hasHandWrittenPlural("3 demande(s) créée(s)")).isTrue();
    assertThat(hasHandWrittenPlural("{0,choice,1#one request|1<{0} requests}")).isFalse();
    assertThat(hasHandWrittenPlural("see /account/contacts/services or (see above)")).isFalse();
  }

  @Test
  void countsChooseTheirFormByTheRulesOfEachLanguage() {
    assertThat(format("messages.properties", "edit.confirm.intro", 1))
        .isEqualTo("This creates one request with one change:");
    assertThat(format("messages.properties", "edit.confirm.intro", 2))
        .isEqualTo("This creates one request with 2 changes:");
    assertThat(format("messages_it.properties", "edit.confirm.intro", 2))
        .isEqualTo("Verrà creata una richiesta con 2 modifiche:");
    assertThat(format("messages_fr.properties", "edit.confirm.intro", 0))
        .isEqualTo("Cela crée une demande avec 0 changement\u202f:");
    assertThat(format("messages_fr.properties", "edit.confirm.intro", 1))
        .isEqualTo("Cela crée une demande avec un changement\u202f:");
    assertThat(format("messages_fr.properties", "edit.confirm.intro", 2))
        .isEqualTo("Cela crée une demande avec 2 changements\u202f:");
    assertThat(format("messages_de.properties", "edit.confirm.intro", 1))
        .isEqualTo("Damit wird eine Anfrage mit einer Änderung erstellt:");
    assertThat(format("messages_de.properties", "edit.confirm.intro", 3))
        .isEqualTo("Damit wird eine Anfrage mit 3 Änderungen erstellt:");
    assertThat(format("messages_es.properties", "edit.confirm.intro", 1))
        .isEqualTo("Se creará una solicitud con un cambio:");
    assertThat(format("messages_es.properties", "edit.confirm.intro", 2))
        .isEqualTo("Se creará una solicitud con 2 cambios:");
    assertThat(format("messages.properties", "services.total", 0)).isEqualTo("No service matches.");
    assertThat(format("messages_fr.properties", "services.total", 1200))
        .isEqualTo("1\u202f200 services correspondent.");
    assertThat(format("messages_de.properties", "services.total", 1200))
        .isEqualTo("1.200 Dienste entsprechen der Auswahl.");
    assertThat(format("messages_es.properties", "services.total", 12000))
        .isEqualTo("12.000 servicios coinciden.");
  }

  /** A role label (capitalised, for headings and form labels) written inside a sentence. */
  private static final Pattern ROLE_LABEL_IN_SENTENCE =
      Pattern.compile(
          "[\\p{Ll},] (Administrator|Technical|Billing|Amministratore|Tecnico|Fatturazione"
              + "|Contatto|Administrateur|Technique|Facturation|Administrador|Técnico|Facturación)\\b");

  @Test
  void roleNamesInsideSentencesAreLowerCase() {
    // German writes every noun with a capital, "der Administrator" included
    forEachMessage(
        (file, key, pattern) ->
            assertThat(
                    !file.equals("messages_de.properties")
                        && ROLE_LABEL_IN_SENTENCE.matcher(pattern).find())
                .as("%s in %s: %s", key, file, pattern)
                .isFalse());
    // roles passed to a sentence are written with their lower-case names
    assertThat(
            Messages.format(
                Locale.ENGLISH,
                "policy.currentContactInGoodStanding",
                null,
                ContactRole.billing,
                "example.com"))
        .startsWith("The billing contact of example.com");
    assertThat(Messages.format(Locale.ITALIAN, "edit.lock.standing.yours", null, ContactRole.admin))
        .contains(" amministratore");
    assertThat(
            Messages.format(
                Locale.FRENCH,
                "policy.currentContactInGoodStanding",
                null,
                ContactRole.tech,
                "example.com"))
        .contains("contact technique");
    assertThat(
            Messages.format(
                Language.es.locale(),
                "policy.currentContactInGoodStanding",
                null,
                ContactRole.billing,
                "example.com"))
        .startsWith("El contacto de facturación de example.com");
    assertThat(
            Messages.format(
                Language.de.locale(),
                "policy.currentContactInGoodStanding",
                null,
                ContactRole.tech,
                "example.com"))
        .startsWith("Der Kontakt für Technik von example.com");
  }

  private String format(String file, String key, Object... args) {
    Properties bundle = file.equals("messages.properties") ? english : translations.get(file);
    return new MessageFormat(bundle.getProperty(key), FILES.get(file)).format(args);
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
  static Properties load(String name) {
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
