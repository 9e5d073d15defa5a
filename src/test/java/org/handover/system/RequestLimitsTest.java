package org.handover.system;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.handover.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * No request body read whole may be larger than the limit, wherever it goes: the JSON of the
 * passkey ceremony (open to anyone), the operator API's JSON; the refusal comes before the body is
 * read, and a body just under the limit is still read.
 */
class RequestLimitsTest extends IntegrationTest {

  private static final int LIMIT = 2 * 1024 * 1024;

  @Autowired MockMvc mvc;

  private static String json(int bytes) {
    return "{\"id\":\"" + "x".repeat(bytes - 9) + "\"}";
  }

  @Test
  void aBodyLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
    mvc.perform(
            post("/passkey/verify")
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json(LIMIT + 1)))
        .andExpect(status().isPayloadTooLarge());
    mvc.perform(
            post("/operator/v1/accounts")
                .header("Authorization", "Bearer test-operator-token")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json(LIMIT + 1)))
        .andExpect(status().isPayloadTooLarge());
  }

  @Test
  void aBodyWithinTheLimitIsRead() throws Exception {
    mvc.perform(
            post("/passkey/verify")
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json(LIMIT - 1)))
        .andExpect(status().isUnauthorized()); // read, and refused as no answer to a challenge
  }
}
