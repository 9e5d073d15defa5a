package org.handover.account.web;

import java.security.Principal;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.account.Nic;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The signed-in customer's name, shown in the account menu under the customer ID on every page. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class CustomerName {

  private final Accounts accounts;

  CustomerName(Accounts accounts) {
    this.accounts = accounts;
  }

  @ModelAttribute("customerName")
  String customerName(Principal principal) {
    if (principal == null) {
      return null;
    }
    try {
      return accounts.find(Nic.parse(principal.getName())).map(Account::displayName).orElse(null);
    } catch (Nic.InvalidNic notACustomer) {
      return null;
    }
  }
}
