package org.handover.operator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.account.Language;
import org.handover.account.NewAccount;
import org.handover.account.Nic;
import org.handover.audit.Actor;
import org.handover.security.SecondFactors;
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
  private final SecondFactors factors;

  OperatorAccountsApi(Accounts accounts, SecondFactors factors) {
    this.accounts = accounts;
    this.factors = factors;
  }

  /** The account as operators see it, with whether it has a second factor (never the secret). */
  private Map<String, Object> view(Account account) {
    Map<String, Object> m = new java.util.LinkedHashMap<>(OperatorViews.account(account));
    m.put("secondFactor", factors.enrolled(account.nic()));
    return m;
  }

  /** Ends every web session and API consumer key of the account at once. */
  @PostMapping("/{nic}/sessions/revoke")
  Map<String, Object> revokeSessions(Actor operator, @PathVariable String nic) {
    Nic id = Nic.parse(nic);
    accounts.endSessions(id, operator);
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
  Map<String, Object> create(Actor operator, @RequestBody NewAccountBody body) {
    Account account =
        accounts.open(
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
      accounts.requestPasswordReset(account.nic().value(), operator);
    }
    return view(account);
  }

  @GetMapping("/{nic}")
  Map<String, Object> get(@PathVariable String nic) {
    return view(accounts.require(Nic.parse(nic)));
  }

  @JsonIgnoreProperties(ignoreUnknown = false)
  record AmendBody(
      String email, String firstName, String lastName, String organisation, String language) {}

  @PatchMapping("/{nic}")
  Map<String, Object> amend(Actor operator, @PathVariable String nic, @RequestBody AmendBody body) {
    return view(
        accounts.amend(
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
  Map<String, Object> debt(Actor operator, @PathVariable String nic, @RequestBody DebtBody body) {
    if (body.amountCents() == null) {
      throw new OperatorErrors.Invalid("amountCents");
    }
    Nic id = Nic.parse(nic);
    accounts.setDebt(id, body.amountCents(), body.currency(), operator);
    return view(accounts.require(id));
  }

  @PostMapping("/{nic}/suspend")
  Map<String, Object> suspend(Actor operator, @PathVariable String nic) {
    Nic id = Nic.parse(nic);
    accounts.setState(id, Account.State.suspended, operator);
    return view(accounts.require(id));
  }

  @PostMapping("/{nic}/reactivate")
  Map<String, Object> reactivate(Actor operator, @PathVariable String nic) {
    Nic id = Nic.parse(nic);
    accounts.setState(id, Account.State.active, operator);
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
    throw new OperatorErrors.Invalid("language (en, it or fr)");
  }
}
