package org.handover.change.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiKeys;
import org.handover.catalog.HostedService;
import org.handover.support.IntegrationTest;
import org.handover.support.SignedRequests;
import org.handover.support.SignedRequests.Credential;
import org.handover.system.Nic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Answers carry every field the reference API's schema declares non-null ({@code services.Service}
 * for serviceInfos, {@code debt.Balance} for the debt account), so that strict clients such as the
 * official Python client read them without a gap.
 */
class ReferenceSchemaTest extends IntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired ApiKeys keys;

  private ResultActions get(Nic nic, String path) throws Exception {
    Credential c = SignedRequests.credential(keys, nic, List.of(AccessRule.of("GET", "/*")));
    return mvc.perform(
        SignedRequests.signed(c, "GET", path, null, clock.instant().getEpochSecond()));
  }

  @Test
  void serviceInfosHasEveryNonNullFieldOfTheReference() throws Exception {
    Nic a = fixtures.account();
    HostedService s = fixtures.serviceOwnedBy(a);
    assertThat(s.expiresAt()).as("provisioned without an expiry").isNull();
    LocalDate created = s.createdAt().atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate anniversary = created.plusYears(1);
    while (anniversary.isBefore(today)) {
      anniversary = anniversary.plusYears(1);
    }

    get(a, "/1.0/domain/" + s.name() + "/serviceInfos")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.canDeleteAtExpiration").value(false))
        .andExpect(jsonPath("$.expiration").value(anniversary.toString()))
        .andExpect(jsonPath("$.creation").value(created.toString()))
        .andExpect(jsonPath("$.domain").value(s.name()))
        .andExpect(jsonPath("$.renewalType").value("manual"))
        .andExpect(jsonPath("$.status").value("ok"))
        .andExpect(jsonPath("$.serviceId").value(s.id()))
        .andExpect(jsonPath("$.contactAdmin").value(a.value()));
  }

  @Test
  void theDebtAccountHasEveryAmountOfTheReference() throws Exception {
    Nic owing = fixtures.accountInDebt();
    get(owing, "/1.0/me/debtAccount")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.active").value(true))
        .andExpect(jsonPath("$.dueAmount.value").isNumber())
        .andExpect(jsonPath("$.pendingAmount.value").value(0.0))
        .andExpect(jsonPath("$.todoAmount.currencyCode").isString())
        .andExpect(jsonPath("$.unmaturedAmount.value").value(0.0))
        .andExpect(jsonPath("$.unmaturedAmount.text").isString());
  }
}
