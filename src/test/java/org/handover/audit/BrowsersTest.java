package org.handover.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What User-Agent strings say of the browser, as data: browser with major version, and system. */
class BrowsersTest {

  private final Browsers browsers = new Browsers();

  @Test
  void recognisesTheBrowserItsMajorVersionAndItsSystem() {
    assertThat(
            browsers.recognise(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/131.0.0.0 Safari/537.36"))
        .isEqualTo(new Browsers.Recognised("Chrome 131", "Linux"));
    assertThat(
            browsers.recognise(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
                    + " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"))
        .isEqualTo(new Browsers.Recognised("Mobile Safari 17", "iOS"));
    assertThat(browsers.recognise("curl/8.5.0")).isEqualTo(new Browsers.Recognised("curl 8", null));
  }

  @Test
  void nothingRecognisedIsNoBrowserAndNoSystem() {
    for (String agent : new String[] {null, "", "   ", "%%%", "x".repeat(5_000)}) {
      assertThat(browsers.recognise(agent)).isEqualTo(new Browsers.Recognised(null, null));
    }
  }

  @Test
  void remembersAtMostABoundedNumberOfAgents() {
    for (int i = 0; i < Browsers.REMEMBERED + 500; i++) {
      browsers.recognise("Mozilla/5.0 (X11; Linux x86_64) Firefox/" + i + ".0 unique-" + i);
    }
    assertThat(browsers.remembered()).isLessThanOrEqualTo(Browsers.REMEMBERED);
  }
}
