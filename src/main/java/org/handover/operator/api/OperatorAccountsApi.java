package org.handover.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.handover.account.Account;
import org.handover.account.AccountAdministration;
import org.handover.account.AccountOpening;
import org.handover.account.Accounts;
import org.handover.account.Credentials;
import org.handover.account.NewAccount;
import org.handover.apiauth.ApiErrors;
import org.handover.operator.InvalidOperatorRequest;
import org.handover.operator.api.OperatorViews.AccountView;
import org.handover.security.SecondFactors;
import org.handover.system.Actor;
import org.handover.system.Language;
import org.handover.system.Nic;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operator API: accounts (create, read, amend, debt, suspend, reactivate). */
@OperatorApi
@RestController
@RequestMapping("/operator/v1/accounts")
class OperatorAccountsApi {

  private final Accounts accounts;
  private final AccountOpening opening;
  private final Credentials credentials;
  private final AccountAdministration administration;
  private final SecondFactors factors;

  OperatorAccountsApi(
      Accounts accounts,
      AccountOpening opening,
      Credentials credentials,
      AccountAdministration administration,
      SecondFactors factors) {
    this.accounts = accounts;
    this.opening = opening;
    this.credentials = credentials;
    this.administration = administration;
    this.factors = factors;
  }

  /** The account as operators see it, with whether it has a second factor (never the secret). */
  private AccountView view(Account account) {
    return AccountView.of(account, factors.enrolled(account.nic()));
  }

  /** Ends every web session and API consumer key of the account at once. */
  @PostMapping("/{nic}/sessions/revoke")
  AccountView revokeSessions(Actor operator, @PathVariable String nic) {
    Nic id = Nic.parse(nic);
    administration.endSessions(id, operator);
    return view(accounts.require(id));
  }

  @JsonIgnoreProperties(ignoreUnknown = false)
  record NewAccountBody(
      String nic,
      String email,
      String firstName,
      String lastName,
      String organisation,
      String language,
      String password) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  AccountView create(Actor operator, @RequestBody NewAccountBody body) {
    Account account =
        opening.open(
            new NewAccount(
                body.nic() == null ? null : Nic.parse(body.nic()),
                body.email(),
                body.firstName(),
                body.lastName(),
                body.organisation(),
                language(body.language()),
                body.password()),
            operator);
    if (body.password() == null) {
      credentials.requestPasswordReset(account.nic().value(), operator);
    }
    return view(account);
  }

  @GetMapping("/{nic}")
  AccountView get(@PathVariable String nic) {
    return view(accounts.require(Nic.parse(nic)));
  }

  @JsonIgnoreProperties(ignoreUnknown = false)
  record AmendBody(
      String email, String firstName, String lastName, String organisation, String language) {}

  @PatchMapping("/{nic}")
  AccountView amend(Actor operator, @PathVariable String nic, @RequestBody AmendBody body) {
    return view(
        administration.amend(
            Nic.parse(nic),
            body.email(),
            body.firstName(),
            body.lastName(),
            body.organisation(),
            body.language() == null ? null : language(body.language()),
            operator));
  }

  @JsonIgnoreProperties(ignoreUnknown = false)
  record DebtBody(Long amountCents, String currency) {}

  @PutMapping("/{nic}/debt")
  AccountView debt(Actor operator, @PathVariable String nic, @RequestBody DebtBody body) {
    if (body.amountCents() == null) {
      throw new InvalidOperatorRequest("operator.invalid.amountCents");
    }
    Nic id = Nic.parse(nic);
    administration.setDebt(id, body.amountCents(), body.currency(), operator);
    return view(accounts.require(id));
  }

  @PostMapping("/{nic}/suspend")
  AccountView suspend(Actor operator, @PathVariable String nic) {
    Nic id = Nic.parse(nic);
    administration.setState(id, Account.State.suspended, operator);
    return view(accounts.require(id));
  }

  @PostMapping("/{nic}/reactivate")
  AccountView reactivate(Actor operator, @PathVariable String nic) {
    Nic id = Nic.parse(nic);
    administration.setState(id, Account.State.active, operator);
    return view(accounts.require(id));
  }

  private static Language language(String value) {
    if (value == null) {
      return Language.en;
    }
    for (Language l : Language.values()) {
      if (l.name().equals(value)) {
        return l;
      }
    }
    throw ApiErrors.unknown("operator.invalid.language", value, Language.tags());
  }
}
