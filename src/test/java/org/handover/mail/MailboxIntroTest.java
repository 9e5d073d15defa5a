package org.handover.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.handover.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The demo Mailbox says where emails go: with an SMTP server configured they also leave through it,
 * so it never claims that nothing leaves the machine (the embedded default, with none, says so:
 * {@code EmbeddedDefaultTest}).
 */
@TestPropertySource(
    properties = {
      "handover.demo.enabled=true",
      "spring.mail.host=relay.example.test",
      "spring.mail.port=2525"
    })
class MailboxIntroTest extends IntegrationTest {

  @Autowired MockMvc mvc;

  @Test
  void withAnSmtpServerTheMailboxSaysEmailsAlsoLeaveThroughIt() throws Exception {
    for (String language : new String[] {"en", "it", "fr", "de", "es"}) {
      String page =
          mvc.perform(get("/dev/mailbox").param("lang", language))
              .andReturn()
              .getResponse()
              .getContentAsString();
      assertThat(page).as(language).contains("relay.example.test");
      assertThat(page).as(language).doesNotContain("SMTP server is configured");
      assertThat(page)
          .as(language)
          .doesNotContain("Nessun server SMTP", "Aucun serveur SMTP", "kein SMTP-Server", "ningún");
    }
  }
}
