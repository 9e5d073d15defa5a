package org.handover.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.account.AddressConfirmation;
import org.handover.account.ProfileChanges;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.Language;
import org.handover.system.web.Flash;
import org.handover.system.web.StepUp;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in customer's profile: ID, names, language, and email change by verification. */
@Controller
@RequestMapping("/account/profile")
class ProfileController {

  private final Accounts accounts;
  private final ProfileChanges changes;
  private final AddressConfirmation confirmation;
  private final MessageSource messages;
  private final LocaleResolver locales;

  ProfileController(
      Accounts accounts,
      ProfileChanges changes,
      AddressConfirmation confirmation,
      MessageSource messages,
      LocaleResolver locales) {
    this.accounts = accounts;
    this.changes = changes;
    this.confirmation = confirmation;
    this.messages = messages;
    this.locales = locales;
  }

  @GetMapping
  String show(Actor actor, Model model) {
    model.addAttribute("account", accounts.require(actor.nic()));
    return "account/profile";
  }

  @PostMapping
  String update(
      Actor actor,
      @RequestParam String firstName,
      @RequestParam String lastName,
      @RequestParam(required = false) String organisation,
      @RequestParam String language,
      HttpServletRequest request,
      HttpServletResponse response,
      RedirectAttributes flash,
      Locale locale) {
    try {
      Account account =
          changes.updateProfile(actor, firstName, lastName, organisation, Language.of(language));
      locales.setLocale(request, response, account.language().locale());
      flash.addFlashAttribute(
          "notice", messages.getMessage("profile.saved", null, account.language().locale()));
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
      // what was typed comes back in the form (the account keeps its values)
      flash.addFlashAttribute("firstName", firstName);
      flash.addFlashAttribute("lastName", lastName);
      flash.addFlashAttribute("organisation", organisation == null ? "" : organisation);
    }
    return "redirect:/account/profile";
  }

  @StepUp
  @PostMapping("/email")
  String requestEmailChange(
      Actor actor, @RequestParam String email, RedirectAttributes flash, Locale locale) {
    try {
      changes.requestEmailChange(actor, email);
      flash.addFlashAttribute(
          "notice", messages.getMessage("profile.email.sent", new Object[] {email}, locale));
      flash.addFlashAttribute("awaitingCode", true);
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
      flash.addFlashAttribute("typedEmail", email);
    }
    return "redirect:/account/profile";
  }

  @PostMapping("/confirmation")
  String resendConfirmation(Actor actor, RedirectAttributes flash, Locale locale) {
    try {
      confirmation.resendConfirmation(actor);
      flash.addFlashAttribute("notice", messages.getMessage("profile.confirm.sent", null, locale));
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
    }
    return "redirect:/account/profile";
  }

  @PostMapping("/email/confirm")
  String confirmEmailChange(
      Actor actor, @RequestParam String code, RedirectAttributes flash, Locale locale) {
    try {
      changes.confirmEmailChange(actor, code);
      flash.addFlashAttribute("notice", messages.getMessage("profile.email.changed", null, locale));
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
      flash.addFlashAttribute("awaitingCode", true);
      flash.addFlashAttribute("typedCode", code);
    }
    return "redirect:/account/profile";
  }
}
