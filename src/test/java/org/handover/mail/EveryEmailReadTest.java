package org.handover.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.handover.system.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Every kind of email, for every reader its messages have words for, in every language, rendered
 * from payloads shaped as each feature stores them and written to {@code target/mails/<language>/}
 * ({@code every-KIND-READER.txt} with the subject, and {@code .html}) to be read. Each must hold
 * what a reader is owed: no counted "(+N)", no "consumer key" (a term of the API, not of the
 * customer's pages), no English sentence left in a translation, no gendered word for a reader whose
 * gender nobody knows, a state agreeing with the noun it names, a service type with its article,
 * the Security page's own words, and buttons that lead where the email says.
 */
class EveryEmailReadTest {

  private static final Pattern UNFORMATTED =
      Pattern.compile("\\{\\d+[},]|\\bnull\\b|\\?\\?|mail\\.[A-Za-z_]+\\.|\\$\\{|(?m)^\\s*:");
  private static final Pattern CONSUMER_KEY =
      Pattern.compile("(?i)consumer|consommateur|consumidor");

  /** Words that give the reader a gender (the reader may be anyone). */
  private static final Map<Language, Pattern> GENDERED =
      Map.of(
          Language.it,
          Pattern.compile("\\bsei (stat|indicat|sicur)[oa]\\b|\\bBenvenut[oa]\\b"),
          Language.fr,
          Pattern.compile(
              "\\bvous seule?\\b|\\bêtes (nommée?|opposée?)\\b|, connectée? à votre compte"
                  + "|\\bidentifiée?\\b"),
          Language.es,
          Pattern.compile("\\bBienvenid[oa]\\b"));

  /** A state word agreeing with the request (feminine) where the subject names the change. */
  private static final Map<Language, Pattern> STATE_AGAINST_NOUN =
      Map.of(
          Language.it,
          Pattern.compile("\\b(Rifiutata|Scaduta|Annullata|Non riuscita): cambio"),
          Language.fr,
          Pattern.compile("\\b(Refusée|Expirée|Annulée)\\s?: changement"));

  private final MailTemplates templates = MailTemplatesTest.templates();
  private final ResourceBundleMessageSource messages = messages();
  private final Properties english = english();

  private static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource m = new ResourceBundleMessageSource();
    m.setBasename("messages");
    m.setDefaultEncoding("UTF-8");
    m.setFallbackToSystemLocale(false);
    return m;
  }

  private static Properties english() {
    Properties p = new Properties();
    try (InputStream in = EveryEmailReadTest.class.getResourceAsStream("/messages.properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return p;
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void everyEmailForEachOfItsReadersIsWrittenToBeReadAndOwesItsReaderNothing(Language l)
      throws IOException {
    Path dir = Files.createDirectories(Path.of("target/mails", l.name()));
    List<String> problems = new ArrayList<>();
    for (MailKind kind : MailKind.values()) {
      for (String reader : readers(kind)) {
        RenderedMail mail = templates.render(MailSamples.message(kind, l, reader));
        String text = mail.subject() + "\n\n" + mail.text();
        String name = "every-" + kind.name().toLowerCase(Locale.ROOT) + "-" + orAny(reader);
        Files.writeString(dir.resolve(name + ".txt"), text, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(name + ".html"), mail.html(), StandardCharsets.UTF_8);
        check(name, text, l, problems);
        if (l != Language.en) {
          RenderedMail en = templates.render(MailSamples.message(kind, Language.en, reader));
          for (String sentence : sentences(en.subject() + "\n" + en.text())) {
            if (text.contains(sentence)) {
              problems.add(name + ": English left in: " + sentence);
            }
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private void check(String name, String text, Language l, List<String> problems) {
    if (text.contains("(+")) {
      problems.add(name + ": a counted (+N)");
    }
    find(name, "a consumer key", CONSUMER_KEY, text, problems);
    find(name, "unformatted", UNFORMATTED, text, problems);
    find(name, "a gendered word for the reader", GENDERED.get(l), text, problems);
    find(name, "a state against its noun", STATE_AGAINST_NOUN.get(l), text, problems);
    find(name, "a service type without its article", bareType(l), text, problems);
  }

  private static void find(
      String name, String what, Pattern pattern, String text, List<String> problems) {
    if (pattern == null) {
      return;
    }
    Matcher m = pattern.matcher(text);
    if (m.find()) {
      problems.add(name + ": " + what + ": " + m.group());
    }
  }

  /**
   * A service's type after an article that does not fit it: Italian "al"/"del" before a feminine or
   * vowel-initial type ("al zona DNS"), French "à"/"de" before any ("à domaine").
   */
  private Pattern bareType(Language l) {
    String before =
        switch (l) {
          case it -> "\\b(?:al|del|dal) ";
          case fr -> "(?<![\\p{L}’'])(?:à|de) ";
          default -> null;
        };
    if (before == null) {
      return null;
    }
    List<String> types = new ArrayList<>();
    List<String> checked =
        l == Language.it
            ? List.of("hosting", "email", "zone")
            : List.of("domain", "hosting", "vps", "dedicated", "zone", "cloud");
    for (String type : checked) {
      types.add(Pattern.quote(messages.getMessage("enum.ServiceType." + type, null, l.locale())));
    }
    return Pattern.compile(before + "(?:" + String.join("|", types) + ") ");
  }

  /**
   * The English sentences of four words or more, three of them lower-case words (names, addresses
   * and numbers alone are not sentences).
   */
  private static List<String> sentences(String english) {
    List<String> found = new ArrayList<>();
    for (String s : english.split("(?<=[.!?:;])\\s+|\\n")) {
      String t = s.strip();
      long words = Stream.of(t.split("\\s+")).filter(w -> w.matches("[a-z]{3,}[.,:;]?")).count();
      if (t.split("\\s+").length >= 4 && words >= 3) {
        found.add(t);
      }
    }
    return found;
  }

  /** The readers the bundles word a kind for (as the English bundle lists them), and "any". */
  private Set<String> readers(MailKind kind) {
    Set<String> readers = new LinkedHashSet<>();
    readers.add(null);
    String prefix = "mail." + kind.name() + ".";
    for (String key : english.stringPropertyNames()) {
      if (key.startsWith(prefix)) {
        String[] parts = key.substring(prefix.length()).split("\\.");
        if (parts.length == 2) {
          readers.add(parts[1]);
        }
      }
    }
    if (kind.name().startsWith("OWNER_")) {
      readers.add("registrant");
    }
    return readers;
  }

  private static String orAny(String reader) {
    return reader == null ? "any" : reader;
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void theNewBrowserEmailNamesTheSecurityPageAndItsButtonInThePagesWords(Language l) {
    String text =
        templates.render(MailSamples.message(MailKind.SECURITY_NEW_DEVICE, l, null)).text();

    assertThat(text)
        .contains(messages.getMessage("security.title", null, l.locale()))
        .contains(messages.getMessage("security.everywhere", null, l.locale()));
  }

  /** The plural of "role" in each language. */
  private static final Map<Language, String> ROLES =
      Map.of(
          Language.en, "roles",
          Language.it, "ruoli",
          Language.fr, "rôles",
          Language.de, "Rollen",
          Language.es, "roles");

  @ParameterizedTest
  @EnumSource(Language.class)
  void aContactReplacedInTwoRolesReadsOfThemInThePlural(Language l) {
    for (MailKind kind : List.of(MailKind.CHANGE_NOTICE, MailKind.CHANGE_DONE)) {
      RenderedMail two = templates.render(MailSamples.message(kind, l, "replaced"));
      OutboxMessage single = MailSamples.message(kind, l, "replaced");
      single.payload().put("roles", List.of("tech"));

      assertThat(two.subject() + two.text()).as(kind.name()).contains(ROLES.get(l));
      assertThat(templates.render(single).text()).as(kind.name()).doesNotContain(ROLES.get(l));
    }
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void theOldAddressIsToldOfItsOwnAccountAsTheReadersNotAsSomeoneSignedInAsIt(Language l) {
    String text =
        templates.render(MailSamples.message(MailKind.EMAIL_CHANGE_NOTICE, l, null)).text();

    assertThat(text).doesNotContainPattern("\\b(as|come|en tant que|als|como) aa111111-ovh");
  }

  @Test
  void theNewApiApplicationEmailLeadsToTheApplicationsPageWhereItCanBeDeleted() {
    RenderedMail mail =
        templates.render(MailSamples.message(MailKind.SECURITY_API_APPLICATION, Language.es, null));

    assertThat(mail.text()).contains("https://panel.example.net/account/api/applications");
  }

  @Test
  void anUnexpectedFailureIsNotNamedByItsJavaClass() {
    OutboxMessage error = MailSamples.message(MailKind.CHANGE_ERROR, Language.de, null);
    error.payload().put("reasonKey", "reason.unexpected");
    error.payload().put("reasonArgs", List.of("DataIntegrityViolationException"));

    RenderedMail mail = templates.render(error);

    assertThat(mail.text() + mail.html()).doesNotContain("Exception");
  }

  @Test
  void aRegistrantsEmailOffersNoPanelPageAndSaysWhyItCame() {
    String registrant =
        templates
            .render(MailSamples.message(MailKind.OWNER_CHANGE_DONE, Language.fr, "registrant"))
            .text();
    String admin =
        templates.render(MailSamples.message(MailKind.OWNER_CHANGE_DONE, Language.fr, null)).text();

    assertThat(registrant)
        .doesNotContain("https://panel.example.net/account/")
        .contains(
            messages.getMessage(
                "mail.footer.registrant", new Object[] {"Example Hosting"}, Locale.FRENCH));
    assertThat(admin).contains("https://panel.example.net/account/contacts/services/domain/");
  }

  @Test
  void aCaseEmailStoredWithACountedServiceSaysTheCountInWords() {
    OutboxMessage old = MailSamples.message(MailKind.CASE_NOTICE, Language.en, null);
    old.payload().remove("serviceNames");
    old.payload().remove("serviceCount");
    old.payload().put("serviceName", "vps-1.example.net (+1)");

    assertThat(templates.render(old).text())
        .contains("vps-1.example.net and one other service")
        .doesNotContain("(+");
  }

  @Test
  void aPolicyForTwoPeopleOnEveryServiceOfItsOwnerSaysSoInWords() {
    OutboxMessage notice = MailSamples.message(MailKind.ACCESS_GRANTED_NOTICE, Language.it, null);
    notice.payload().put("toAccount", "bb222222-ovh, ee555555-ovh");
    notice.payload().put("serviceName", "*");

    RenderedMail mail = templates.render(notice);

    assertThat(mail.subject() + mail.text())
        .contains("bb222222-ovh e ee555555-ovh")
        .contains("(tutti quelli amministrati da cc333333-ovh)")
        .doesNotContain("*");
  }
}
