package org.handover.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Browser names from User-Agent strings, as the security log shows them. */
class BrowsersTest {

  private final Browsers browsers = new Browsers();

  @Test
  void namesBrowserAndSystemAsAPersonWould() {
    assertThat(
            browsers.describe(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/131.0.0.0 Safari/537.36"))
        .isEqualTo("Chrome on Linux");
    assertThat(
            browsers.describe(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
                    + " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"))
        .isEqualTo("Mobile Safari on iOS");
    assertThat(browsers.describe("curl/8.5.0")).isEqualTo("curl");
  }

  @Test
  void nothingRecognisedIsNoName() {
    assertThat(browsers.describe(null)).isNull();
    assertThat(browsers.describe("")).isNull();
    assertThat(browsers.describe("%%%")).isNull();
  }
}
