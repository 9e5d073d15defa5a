package org.handover.apiauth.api;

import java.math.BigDecimal;
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

  /** {@code GET /me}, the reference API's fields. */
  record MeView(
      String nichandle,
      String email,
      String firstname,
      String name,
      String organisation,
      String language,
      String state,
      Currency currency,
      String creationDate) {}

  /** A currency as the reference API names it. */
  record Currency(String code, String symbol) {}

  /** {@code GET /me/debtAccount}. */
  record DebtView(
      boolean active,
      Amount dueAmount,
      Amount pendingAmount,
      Amount todoAmount,
      Amount unmatchedAmount) {}

  /** An amount of money, as a number and as text. */
  record Amount(String currencyCode, BigDecimal value, String text) {

    static Amount of(long cents, String currency) {
      BigDecimal value = BigDecimal.valueOf(cents, 2);
      return new Amount(currency, value, value.toPlainString() + " " + currency);
    }
  }

  @GetMapping
  MeView me(ApiCaller caller) {
    Account a = accounts.require(caller.nic());
    return new MeView(
        a.nic().value(),
        a.email(),
        a.firstName(),
        a.lastName(),
        a.organisation() == null ? "" : a.organisation(),
        a.language().referenceName(),
        a.isActive() ? "complete" : "suspended",
        new Currency(a.debtCurrency(), a.debtCurrency()),
        ApiResponses.datetime(a.createdAt()));
  }

  @GetMapping("/debtAccount")
  DebtView debt(ApiCaller caller) {
    Account a = accounts.require(caller.nic());
    return new DebtView(
        !a.inGoodStanding(),
        Amount.of(a.debtCents(), a.debtCurrency()),
        Amount.of(0, a.debtCurrency()),
        Amount.of(a.debtCents(), a.debtCurrency()),
        Amount.of(0, a.debtCurrency()));
  }
}
