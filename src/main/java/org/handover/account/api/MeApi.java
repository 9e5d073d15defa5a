package org.handover.account.api;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.apiauth.ApiCaller;
import org.handover.apiauth.ApiResponses;
import org.handover.apiauth.OvhApi;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /me} and {@code GET /me/debtAccount}. */
@OvhApi
@RestController
@RequestMapping({"/1.0/me", "/v1/me"})
class MeApi {

  private final Accounts accounts;

  MeApi(Accounts accounts) {
    this.accounts = accounts;
  }

  @GetMapping
  Map<String, Object> me(ApiCaller caller) {
    Account a = accounts.require(caller.nic());
    Map<String, Object> me = new LinkedHashMap<>();
    me.put("nichandle", a.nic().value());
    me.put("email", a.email());
    me.put("firstname", a.firstName());
    me.put("name", a.lastName());
    me.put("organisation", a.organisation() == null ? "" : a.organisation());
    me.put(
        "language",
        switch (a.language()) {
          case en -> "en_GB";
          case it -> "it_IT";
          case fr -> "fr_FR";
        });
    me.put("state", a.isActive() ? "complete" : "suspended");
    me.put("currency", Map.of("code", a.debtCurrency(), "symbol", a.debtCurrency()));
    me.put("creationDate", ApiResponses.datetime(a.createdAt()));
    return me;
  }

  @GetMapping("/debtAccount")
  Map<String, Object> debt(ApiCaller caller) {
    Account a = accounts.require(caller.nic());
    Map<String, Object> debt = new LinkedHashMap<>();
    debt.put("active", !a.inGoodStanding());
    debt.put("dueAmount", amount(a.debtCents(), a.debtCurrency()));
    debt.put("pendingAmount", amount(0, a.debtCurrency()));
    debt.put("todoAmount", amount(a.debtCents(), a.debtCurrency()));
    debt.put("unmatchedAmount", amount(0, a.debtCurrency()));
    return debt;
  }

  private static Map<String, Object> amount(long cents, String currency) {
    BigDecimal value = BigDecimal.valueOf(cents, 2);
    Map<String, Object> amount = new LinkedHashMap<>();
    amount.put("currencyCode", currency);
    amount.put("value", value);
    amount.put("text", value.toPlainString() + " " + currency);
    return amount;
  }
}
