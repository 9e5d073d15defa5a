package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.handover.audit.Browsers;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Browser names as people read them, in their language, never the raw User-Agent. */
class BrowserNamesTest {

  static final String FIREFOX_WINDOWS =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
  static final String CHROME_ANDROID =
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.6778.104 Mobile Safari/537.36";
  static final String SAFARI_MAC =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
          + " Version/18.1 Safari/605.1.15";

  private final BrowserNames names = new BrowserNames(messages(), new Browsers());

  static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasename("messages");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }

  @Test
  void namesTheBrowserItsMajorVersionAndItsSystem() {
    assertThat(names.name(FIREFOX_WINDOWS, Locale.ENGLISH)).isEqualTo("Firefox 133 on Windows");
    assertThat(names.name(CHROME_ANDROID, Locale.ENGLISH))
        .isEqualTo("Chrome Mobile 131 on Android");
    assertThat(names.name(SAFARI_MAC, Locale.ENGLISH)).isEqualTo("Safari 18 on Mac OS X");
  }

  @Test
  void speaksEveryLanguageOfThePanel() {
    assertThat(names.name(FIREFOX_WINDOWS, Locale.ITALIAN)).isEqualTo("Firefox 133 su Windows");
    assertThat(names.name(FIREFOX_WINDOWS, Locale.FRENCH)).isEqualTo("Firefox 133 sous Windows");
    assertThat(names.name(FIREFOX_WINDOWS, Locale.GERMAN)).isEqualTo("Firefox 133 unter Windows");
    assertThat(names.name(FIREFOX_WINDOWS, Locale.forLanguageTag("es")))
        .isEqualTo("Firefox 133 en Windows");
  }

  @Test
  void anAgentNothingRecognisesIsAnUnknownBrowserInTheReadersLanguage() {
    for (String agent :
        new String[] {null, "", "   ", "nothing a pattern knows", "x".repeat(5_000)}) {
      assertThat(names.name(agent, Locale.ENGLISH)).isEqualTo("Unknown browser");
      assertThat(names.name(agent, Locale.FRENCH)).isEqualTo("Navigateur inconnu");
      assertThat(names.name(agent, Locale.GERMAN)).isEqualTo("Unbekannter Browser");
    }
  }

  @Test
  void neverShowsTheRawUserAgent() {
    for (String agent : List.of(FIREFOX_WINDOWS, CHROME_ANDROID, SAFARI_MAC)) {
      assertThat(names.name(agent, Locale.ENGLISH)).doesNotContain("Mozilla", "/", "(");
    }
  }

  @Test
  void namesEachSessionByItsHandle() {
    var listed =
        List.of(
            new WebSessions.View("h1", FIREFOX_WINDOWS, "192.0.2.1", null, null, true),
            new WebSessions.View("h2", null, "192.0.2.2", null, null, false));
    assertThat(names.bySession(listed, Locale.ITALIAN))
        .containsEntry("h1", "Firefox 133 su Windows")
        .containsEntry("h2", "Browser sconosciuto");
  }
}
