package org.handover.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.handover.system.HandoverProperties;
import org.handover.system.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.type.filter.AssignableTypeFilter;

/** Every email kind renders in every language, in both parts, with nothing left untranslated. */
class MailTemplatesTest {

  static final String CODE = "7K2M-PQRS-TV3X-YZ01-2345-6789-ABCD";

  static MailTemplates templates() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return new MailTemplates(messages, properties(), formats());
  }

  private static HandoverProperties properties() {
    return new Binder(
            new MapConfigurationPropertySource(
                Map.of(
                    "handover.provider-name", "Example Hosting",
                    "handover.public-base-url", "https://panel.example.net/")))
        .bindOrCreate("handover", HandoverProperties.class);
  }

  /** Every feature's {@link MailFormat}, found as the application finds them. */
  static List<MailFormat> formats() {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AssignableTypeFilter(MailFormat.class));
    try (var context = new GenericApplicationContext()) {
      for (BeanDefinition format : scanner.findCandidateComponents("org.handover")) {
        context.registerBeanDefinition(format.getBeanClassName(), format);
      }
      context.refresh();
      return List.copyOf(context.getBeansOfType(MailFormat.class).values());
    }
  }

  static OutboxMessage sample(MailKind kind, Language language, String recipientName) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("recipientName", recipientName);
    if (kind.name().startsWith("CHANGE_")) {
      p.put("changeId", 4242);
      p.put("serviceType", "domain");
      p.put("serviceName", "example.com");
      p.put("roles", List.of("tech", "billing"));
      p.put("fromAccount", "aa111111-ovh");
      p.put("toAccount", "bb222222-ovh");
      p.put("askingAccount", "cc333333-ovh");
      p.put("expiresAt", "2026-02-01T10:00:00Z");
      p.put("acceptedBy", "cc333333-ovh");
      p.put("serviceCount", 1);
      p.put("itemCount", 1);
      p.put(
          "items",
          List.of(
              Map.of(
                  "serviceType", "domain",
                  "serviceName", "example.com",
                  "roles", List.of("tech", "billing"),
                  "from", "aa111111-ovh",
                  "to", "bb222222-ovh")));
      if (EnumSet.of(
              MailKind.CHANGE_REFUSED,
              MailKind.CHANGE_EXPIRED,
              MailKind.CHANGE_ABORTED,
              MailKind.CHANGE_ERROR)
          .contains(kind)) {
        p.put("reason", "Because.");
      }
    } else {
      p.put("nic", "aa111111-ovh");
      p.put("newEmail", "new@example.org");
    }
    if (kind.carriesCode()) {
      p.put("code", CODE);
    }
    return new OutboxMessage(
        1,
        kind,
        "aa111111-ovh",
        "a@example.org",
        language.name(),
        p,
        null,
        "pending",
        0,
        null,
        null,
        Instant.parse("2026-01-05T09:00:00Z"),
        null);
  }

  static Stream<Arguments> everyKindInEveryLanguage() {
    return EnumSet.allOf(MailKind.class).stream()
        .flatMap(k -> Stream.of(Language.values()).map(l -> Arguments.of(k, l)));
  }

  private final MailTemplates templates = templates();

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("everyKindInEveryLanguage")
  void rendersBothPartsCompletely(MailKind kind, Language language) {
    RenderedMail mail = templates.render(sample(kind, language, "Ada Lovelace"));

    assertThat(mail.subject()).isNotBlank().doesNotContain("{").doesNotContain("??");
    for (String part : List.of(mail.text(), mail.html())) {
      assertThat(part)
          .contains("Ada Lovelace")
          .contains("Example Hosting")
          .doesNotContain("??")
          .doesNotContainPattern("\\{\\d+\\}")
          .doesNotContain("mail.");
      if (kind.carriesCode()) {
        assertThat(part).contains(CODE);
      }
      if (kind.name().startsWith("CHANGE_")) {
        assertThat(part).contains("example.com").contains("bb222222-ovh").contains("4242");
      }
    }
    assertThat(mail.html()).contains("lang=\"" + language.name() + "\"");
    assertThat(mail.text()).contains("https://panel.example.net/");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void eachLanguageHasItsOwnWording(MailKind kind) {
    String en = templates.render(sample(kind, Language.en, "Ada")).text();
    String it = templates.render(sample(kind, Language.it, "Ada")).text();
    String fr = templates.render(sample(kind, Language.fr, "Ada")).text();
    assertThat(en).isNotEqualTo(it).isNotEqualTo(fr);
    assertThat(it).isNotEqualTo(fr);
  }

  static Stream<MailKind> kinds() {
    return EnumSet.allOf(MailKind.class).stream();
  }

  @Test
  void codeEmailsLinkToTheRequestWithTheCodeFilledIn() {
    RenderedMail mail = templates.render(sample(MailKind.CHANGE_CODE, Language.en, "Ada"));

    assertThat(mail.text())
        .contains("https://panel.example.net/account/contacts/requests/4242?token=" + CODE);
    assertThat(mail.html())
        .contains(
            "href=\"https://panel.example.net/account/contacts/requests/4242?token=" + CODE + "\"");
  }

  @Test
  void noticesLinkToTheRequestWithoutACode() {
    RenderedMail mail = templates.render(sample(MailKind.CHANGE_NOTICE, Language.fr, "Ada"));

    assertThat(mail.text())
        .contains("https://panel.example.net/account/contacts/requests/4242")
        .doesNotContain("token=");
  }

  @Test
  void userInputIsEscapedInHtml() {
    RenderedMail mail =
        templates.render(
            sample(MailKind.CHANGE_DONE, Language.en, "<script>alert('x')</script> & Co"));

    assertThat(mail.html())
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co");
  }

  @Test
  void datesAreWrittenInTheReadersLanguage() {
    assertThat(templates.render(sample(MailKind.CHANGE_CODE, Language.en, "A")).text())
        .contains("February 1, 2026");
    assertThat(templates.render(sample(MailKind.CHANGE_CODE, Language.fr, "A")).text())
        .contains("1 février 2026");
    assertThat(templates.render(sample(MailKind.CHANGE_CODE, Language.it, "A")).text())
        .contains("1 febbraio 2026");
  }

  @Test
  void theDoneEmailListsEachChangeAndNoExpiry() {
    String done = templates.render(sample(MailKind.CHANGE_DONE, Language.en, "A")).text();
    assertThat(done)
        .contains("domain example.com: technical and billing: aa111111-ovh \u2192 bb222222-ovh")
        .doesNotContain("Current contact")
        .doesNotContain("Expires on");
    assertThat(templates.render(sample(MailKind.CHANGE_CODE, Language.en, "A")).text())
        .contains("Expires on");
  }

  @Test
  void aSetOfManyServicesNamesTheFirstAndCountsTheRest() {
    OutboxMessage mail = sample(MailKind.CHANGE_CODE, Language.en, "A");
    mail.payload().put("serviceCount", 3);
    mail.payload().put("itemCount", 25);
    String text = templates.render(mail).text();
    assertThat(text)
        .contains("example.com and 2 other services")
        .contains("and 24 more changes, listed on the request page");
    mail.payload().put("serviceCount", 2);
    assertThat(templates.render(mail).subject()).contains("example.com and one other service");
    OutboxMessage fr = sample(MailKind.CHANGE_CODE, Language.fr, "A");
    fr.payload().put("serviceCount", 3);
    assertThat(templates.render(fr).text()).contains("example.com et 2 autres services");
  }

  @Test
  void thePasswordResetEmailSaysHowLongItsCodeWorks() {
    assertThat(templates.render(sample(MailKind.PASSWORD_RESET, Language.en, "A")).text())
        .contains("30 minutes");
  }

  @Test
  void everyKindHasExactlyOneFeatureThatFormatsIt() {
    List<MailFormat> formats = formats();
    MailFormat changes =
        formats.stream().filter(f -> f.kinds().contains(MailKind.CHANGE_CODE)).findFirst().get();
    List<MailFormat> without = formats.stream().filter(f -> f != changes).toList();
    List<MailFormat> twice = new ArrayList<>(formats);
    twice.add(changes);

    assertThatThrownBy(() -> new MailTemplates(null, properties(), without))
        .hasMessageContaining("CHANGE_CODE has no mail format");
    assertThatThrownBy(() -> new MailTemplates(null, properties(), twice))
        .hasMessageContaining("has two mail formats");
  }

  @Test
  void emailLinksOpenWhereTheReaderIs() {
    assertThat(templates.render(sample(MailKind.CHANGE_CODE, Language.en, "A")).html())
        .doesNotContain("target=");
  }
}
