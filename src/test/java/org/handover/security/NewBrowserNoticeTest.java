package org.handover.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.handover.mail.MailKind;
import org.handover.support.IntegrationTest;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The "new browser" notice names the browser as a person would, in the reader's language. */
class NewBrowserNoticeTest extends IntegrationTest {

  private static final String CHROME_ON_LINUX =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/120.0.0.0 Safari/537.36";

  @Autowired MockMvc mvc;
  @Autowired BrowserNames browsers;

  @Test
  void aSecondBrowserIsNamedInTheAccountsLanguageWithItsShortAddress() throws Exception {
    Nic nic = fixtures.accountThatSignsIn(Language.de);
    signIn(nic, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0");
    signIn(nic, CHROME_ON_LINUX);

    String detail =
        fixtures
            .awaitMail(fixtures.email(nic), MailKind.SECURITY_NEW_DEVICE)
            .payload()
            .get("detail")
            .toString();

    assertThat(detail)
        .isEqualTo(browsers.name(CHROME_ON_LINUX, Language.de.locale()) + " (2001:db8::7)")
        .doesNotContain("Mozilla")
        .contains("Chrome");
  }

  private void signIn(Nic nic, String userAgent) throws Exception {
    mvc.perform(
        post("/login")
            .with(
                request -> {
                  request.setRemoteAddr("2001:db8:0:0:0:0:0:7");
                  return request;
                })
            .header("User-Agent", userAgent)
            .param("login", nic.value())
            .param("password", org.handover.support.Fixtures.PASSWORD)
            .with(csrf()));
  }
}
