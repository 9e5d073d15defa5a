package org.handover.mail;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.handover.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Outside demo mode the mailbox does not exist at all. */
class MailboxAbsentTest extends IntegrationTest {

  @Autowired MockMvc mvc;

  @Test
  void theMailboxIsAbsentWhenDemoModeIsOff() throws Exception {
    fixtures.account();
    mvc.perform(get("/dev/mailbox")).andExpect(status().isNotFound());
    mvc.perform(get("/dev/mailbox/1")).andExpect(status().isNotFound());
  }
}
