package org.handover.staff.web;

import java.util.Locale;
import org.handover.account.Account;
import org.handover.account.AccountAdministration;
import org.handover.change.ChangeErrors;
import org.handover.staff.AccountSessions;
import org.handover.staff.RequestActions;
import org.handover.system.Actor;
import org.handover.system.FieldTooLong;
import org.handover.system.HandoverException;
import org.handover.system.Messages;
import org.handover.system.Nic;
import org.handover.system.web.Flash;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's actions, each audited with the staff member's identity: agents abort requests,
 * resend a party's code, suspend and reactivate accounts; supervisors set debt (the roles are
 * checked by the staff security chain before any of this runs).
 */
@Controller
@RequestMapping("/operator/console")
class ConsoleActionsController {

  private final RequestActions requests;
  private final AccountAdministration accounts;
  private final AccountSessions sessions;

  ConsoleActionsController(
      RequestActions requests, AccountAdministration accounts, AccountSessions sessions) {
    this.requests = requests;
    this.accounts = accounts;
    this.sessions = sessions;
  }

  @PostMapping("/requests/{id}/abort")
  String abort(
      Actor staff,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String reason,
      RedirectAttributes flash,
      Locale locale) {
    flash.addFlashAttribute("abortReason", reason);
    return done(
        () -> {
          FieldTooLong.check("console.request.reason", reason, 500);
          requests.abort(staff, id, reason);
        },
        flash,
        locale,
        "console.request.aborted",
        "redirect:/operator/console/requests/" + id);
  }

  @PostMapping("/requests/{id}/resend")
  String resend(
      Actor staff,
      @PathVariable long id,
      @RequestParam String party,
      RedirectAttributes flash,
      Locale locale) {
    Nic who = Nic.parse(party);
    return done(
        () -> {
          try {
            requests.resend(staff, id, who);
          } catch (ChangeErrors.AlreadyAnswered answered) {
            throw new PartyAnswered(who); // the party's own words ("You have…") are not staff's
          }
        },
        flash,
        locale,
        "console.request.resent",
        "redirect:/operator/console/requests/" + id);
  }

  @PostMapping("/accounts/{nic}/suspend")
  String suspend(Actor staff, @PathVariable String nic, RedirectAttributes flash, Locale locale) {
    Nic id = Nic.parse(nic);
    return done(
        () -> accounts.setState(id, Account.State.suspended, staff),
        flash,
        locale,
        "console.account.suspended",
        "redirect:/operator/console/accounts/" + id.value());
  }

  @PostMapping("/accounts/{nic}/reactivate")
  String reactivate(
      Actor staff, @PathVariable String nic, RedirectAttributes flash, Locale locale) {
    Nic id = Nic.parse(nic);
    return done(
        () -> accounts.setState(id, Account.State.active, staff),
        flash,
        locale,
        "console.account.reactivated",
        "redirect:/operator/console/accounts/" + id.value());
  }

  @PostMapping("/accounts/{nic}/sessions/{handle}/end")
  String endSession(
      Actor staff,
      @PathVariable String nic,
      @PathVariable String handle,
      RedirectAttributes flash,
      Locale locale) {
    Nic id = Nic.parse(nic);
    return done(
        () -> sessions.end(staff, id, handle),
        flash,
        locale,
        "console.account.sessionEnded",
        "redirect:/operator/console/accounts/" + id.value());
  }

  @PostMapping("/accounts/{nic}/debt")
  String debt(
      Actor staff,
      @PathVariable String nic,
      @RequestParam(defaultValue = "") String amount,
      @RequestParam(defaultValue = "EUR") String currency,
      RedirectAttributes flash,
      Locale locale) {
    Nic id = Nic.parse(nic);
    String back =
        done(
            () -> accounts.setDebt(id, DebtAmount.minorUnits(amount, currency), currency, staff),
            flash,
            locale,
            "console.account.debtSet",
            "redirect:/operator/console/accounts/" + id.value());
    if (!flash.getFlashAttributes().containsKey("notice")) {
      // refused: the form comes back as typed; once set, it shows the amount stored
      flash.addFlashAttribute("typedAmount", amount);
      flash.addFlashAttribute("typedCurrency", currency);
    }
    return back;
  }

  /** Staff asked for a new code for a party who has already answered: there is none to replace. */
  static final class PartyAnswered extends HandoverException {
    PartyAnswered(Nic party) {
      super(Kind.CONFLICT, "console.request.resendAnswered", party.value());
    }
  }

  private static String done(
      Runnable action, RedirectAttributes flash, Locale locale, String notice, String back) {
    try {
      action.run();
      flash.addFlashAttribute("notice", Messages.format(locale, notice));
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
    }
    return back;
  }
}
