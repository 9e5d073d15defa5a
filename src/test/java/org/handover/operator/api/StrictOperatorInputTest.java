package org.handover.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import org.handover.support.IntegrationTest;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Input the operator API refuses rather than guesses at: a fraction where a whole number is
 * expected, an object naming a member twice, an access token that never expires.
 */
class StrictOperatorInputTest extends IntegrationTest {

  @Autowired MockMvc mvc;

  private void debt(Nic nic, String body, int status) throws Exception {
    mvc.perform(
            put("/operator/v1/accounts/" + nic.value() + "/debt")
                .header("Authorization", "Bearer test-operator-token")
                .contentType("application/json")
                .content(body))
        .andExpect(status().is(status));
  }

  @Test
  void aFractionForAWholeNumberIsRefusedAndChangesNothing() throws Exception {
    Nic nic = fixtures.account();
    debt(nic, "{\"amountCents\": 1.5, \"currency\": \"EUR\"}", 400);
    debt(nic, "{\"amountCents\": 1e2, \"currency\": \"EUR\"}", 400);
    assertThat(fixtures.sql("select debt_cents from accounts where nic = ?", nic.value())).isZero();
    debt(nic, "{\"amountCents\": 150, \"currency\": \"EUR\"}", 200);
  }

  @Test
  void aMemberNamedTwiceIsRefusedAndChangesNothing() throws Exception {
    Nic nic = fixtures.account();
    mvc.perform(
            put("/operator/v1/accounts/" + nic.value() + "/debt")
                .header("Authorization", "Bearer test-operator-token")
                .contentType("application/json")
                .content("{\"amountCents\": 0, \"currency\": \"EUR\", \"amountCents\": 900}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").isNotEmpty());
    assertThat(fixtures.sql("select debt_cents from accounts where nic = ?", nic.value())).isZero();
  }

  @Test
  void anAccessTokenWithoutExpiryIsRefused() {
    var settings = new OperatorJwt.Settings("https://idp.example", "handover");
    Jwt forever =
        Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .issuer("https://idp.example")
            .audience(java.util.List.of("handover"))
            .claim("client_id", "billing")
            .issuedAt(Instant.now().minusSeconds(5))
            .build();
    Jwt expiring =
        Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .issuer("https://idp.example")
            .audience(java.util.List.of("handover"))
            .claim("client_id", "billing")
            .issuedAt(Instant.now().minusSeconds(5))
            .expiresAt(Instant.now().plusSeconds(300))
            .build();
    assertThat(OperatorJwt.validator(settings).validate(forever).hasErrors()).isTrue();
    assertThat(OperatorJwt.validator(settings).validate(expiring).hasErrors()).isFalse();
  }
}
