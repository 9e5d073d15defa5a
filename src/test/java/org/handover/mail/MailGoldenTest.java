package org.handover.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.handover.system.Language;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both parts of a few emails, compared in full with the output the Thymeleaf layouts gave when the
 * files were written ({@code src/test/resources/mail-golden/}; the layout written in Java that
 * stood in for the templates for a while gave the same bytes): a code, a list of changes with the
 * rest counted, a reason, no details, two paragraphs, and a recipient name that needs escaping, in
 * every language. {@code -Dmail.golden.write=true} rewrites the files (and fails, so that a rewrite
 * is never a pass).
 */
class MailGoldenTest {

  private static final String NAME = "Zoë <O'Brien> & \"Co\"";
  private static final Path DIR = Path.of("src/test/resources/mail-golden");

  private final MailTemplates templates = MailTemplatesTest.templates();

  static Stream<Arguments> samples() {
    return Stream.of(
            MailKind.CHANGE_CODE,
            MailKind.CHANGE_DONE,
            MailKind.CHANGE_REFUSED,
            MailKind.ACCOUNT_CREATED,
            MailKind.PASSWORD_RESET,
            MailKind.SECURITY_NEW_DEVICE)
        .flatMap(k -> Stream.of(Language.values()).map(l -> Arguments.of(k, l)));
  }

  private static OutboxMessage mail(MailKind kind, Language language) {
    OutboxMessage sample = MailTemplatesTest.sample(kind, language, NAME);
    if (kind != MailKind.CHANGE_DONE) {
      return sample;
    }
    Map<String, Object> p = new LinkedHashMap<>(sample.payload());
    p.put("serviceCount", 3);
    p.put("itemCount", 3);
    List<Object> items = new ArrayList<>((List<?>) p.get("items"));
    items.add(
        Map.of(
            "serviceType", "vps",
            "serviceName", "vps-2.example.net",
            "roles", List.of("admin"),
            "from", "aa111111-ovh",
            "to", "bb222222-ovh"));
    p.put("items", items);
    return new OutboxMessage(
        sample.id(),
        kind,
        sample.recipientNic(),
        sample.recipientEmail(),
        sample.language(),
        p,
        sample.changeId(),
        sample.status(),
        sample.attempts(),
        sample.nextAttemptAt(),
        sample.lastError(),
        sample.createdAt(),
        sample.sentAt());
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("samples")
  void bothPartsAreExactlyTheSameAsBefore(MailKind kind, Language language) throws IOException {
    RenderedMail rendered = templates.render(mail(kind, language));
    String base = kind.name() + "." + language.name();
    if (Boolean.getBoolean("mail.golden.write")) {
      Files.createDirectories(DIR);
      Files.writeString(DIR.resolve(base + ".txt"), rendered.text(), StandardCharsets.UTF_8);
      Files.writeString(DIR.resolve(base + ".html"), rendered.html(), StandardCharsets.UTF_8);
      throw new AssertionError("golden files written; run again without -Dmail.golden.write");
    }
    assertThat(rendered.text()).isEqualTo(golden(base + ".txt"));
    assertThat(rendered.html()).isEqualTo(golden(base + ".html"));
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = MailGoldenTest.class.getResourceAsStream("/mail-golden/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
