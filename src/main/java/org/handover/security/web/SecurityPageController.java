package org.handover.security.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.handover.account.AccountAdministration;
import org.handover.account.Credentials;
import org.handover.account.CustomerSignInSettings;
import org.handover.account.WrongPassword;
import org.handover.apiauth.ApiKeys;
import org.handover.audit.SecurityEntry;
import org.handover.audit.SecurityLog;
import org.handover.security.BrowserNames;
import org.handover.security.InterruptedForms;
import org.handover.security.Passkeys;
import org.handover.security.QrCodes;
import org.handover.security.SecondFactors;
import org.handover.security.SecurityLogWords;
import org.handover.security.SignInGuard;
import org.handover.security.Totp;
import org.handover.security.WebSessions;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.HandoverProperties;
import org.handover.system.web.Flash;
import org.handover.system.web.StepUp;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account's security page: second factors and recovery codes, password, active sessions and API
 * consumer keys, each revocable.
 */
@Controller
@RequestMapping("/account/security")
class SecurityPageController {

  static final String PENDING_SECRET = "handover.pendingTotpSecret";
  private static final int KEYS_SHOWN = 200;
  private static final int LOG_SHOWN = 10;

  private final SecondFactors factors;
  private final Passkeys passkeys;
  private final WebSessions sessions;
  private final ApiKeys keys;
  private final Credentials credentials;
  private final AccountAdministration administration;
  private final MessageSource messages;
  private final HandoverProperties properties;
  private final SignInGuard guard;
  private final SecurityLog log;
  private final CustomerSignInSettings customers;
  private final BrowserNames browsers;
  private final SecurityLogWords words;

  SecurityPageController(
      SecondFactors factors,
      Passkeys passkeys,
      WebSessions sessions,
      ApiKeys keys,
      Credentials credentials,
      AccountAdministration administration,
      MessageSource messages,
      HandoverProperties properties,
      SignInGuard guard,
      SecurityLog log,
      CustomerSignInSettings customers,
      BrowserNames browsers,
      SecurityLogWords words) {
    this.browsers = browsers;
    this.words = words;
    this.log = log;
    this.customers = customers;
    this.factors = factors;
    this.passkeys = passkeys;
    this.sessions = sessions;
    this.keys = keys;
    this.credentials = credentials;
    this.administration = administration;
    this.messages = messages;
    this.properties = properties;
    this.guard = guard;
  }

  @GetMapping
  String show(Actor actor, HttpServletRequest request, Model model, Locale locale) {
    model.addAttribute("factors", factors.list(actor.nic()));
    model.addAttribute("passkeys", passkeys.list(actor.nic()));
    model.addAttribute("recoveryLeft", factors.unusedRecoveryCodes(actor.nic()));
    List<WebSessions.View> signedIn = sessions.list(actor.nic(), request.getSession().getId());
    model.addAttribute("sessions", signedIn);
    model.addAttribute("browsers", browsers.bySession(signedIn, locale));
    model.addAttribute("consumerKeys", keys.consumerKeys(actor.nic(), KEYS_SHOWN));
    model.addAttribute("required", request.getParameter("required") != null);
    model.addAttribute("passwords", customers.passwords());
    List<SecurityEntry> latest = log.page(actor.nic(), null).entries();
    model.addAttribute(
        "logLines",
        words.lines(
            latest.subList(0, Math.min(LOG_SHOWN, latest.size())),
            locale,
            SecurityLogWords.Reader.customer));
    return "security/security";
  }

  /**
   * The enrolment page. The key stays the same until enrolment succeeds or is abandoned (a wrong
   * code or a step-up in between keeps it, and the name typed), so the key already added to the
   * phone keeps working.
   */
  @GetMapping("/totp")
  String enrolForm(
      Actor actor, HttpServletRequest request, HttpSession session, Model model, Locale locale) {
    String secret = (String) session.getAttribute(PENDING_SECRET);
    boolean kept = secret != null;
    if (!kept) {
      secret = Totp.newSecret();
      session.setAttribute(PENDING_SECRET, secret);
    }
    String name =
        InterruptedForms.takeFor(request, "/account/security/totp")
            .map(f -> f.first("name"))
            .orElse((String) model.getAttribute("typedName"));
    String uri =
        "otpauth://totp/"
            + enc(properties.providerName() + ":" + actor.nic().value())
            + "?secret="
            + secret
            + "&issuer="
            + enc(properties.providerName());
    model.addAttribute("secret", QrCodes.grouped(secret));
    model.addAttribute("uri", uri);
    model.addAttribute("qr", QrCodes.svg(uri, text("totp.qr", locale)));
    model.addAttribute("keptKey", kept);
    model.addAttribute("name", name == null ? text("totp.name.default", locale) : name);
    return "security/totp";
  }

  @StepUp(addsAFactor = true)
  @PostMapping("/totp")
  String enrol(
      Actor actor,
      @RequestParam String name,
      @RequestParam String code,
      HttpSession session,
      RedirectAttributes flash,
      Locale locale) {
    String secret = (String) session.getAttribute(PENDING_SECRET);
    try {
      List<String> recovery = factors.enrolTotp(actor, name, secret, code);
      session.removeAttribute(PENDING_SECRET);
      flash.addFlashAttribute("notice", text("security.factor.added", locale));
      flash.addFlashAttribute("recoveryCodes", recovery);
      return "redirect:/account/security";
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
      flash.addFlashAttribute("typedName", name);
      return "redirect:/account/security/totp";
    }
  }

  /** Abandons the enrolment: the key shown is forgotten; the next attempt gets a new one. */
  @PostMapping("/totp/cancel")
  String abandon(HttpSession session) {
    session.removeAttribute(PENDING_SECRET);
    return "redirect:/account/security";
  }

  @StepUp
  @PostMapping("/factors/{id}/rename")
  String rename(
      Actor actor,
      @PathVariable long id,
      @RequestParam String name,
      RedirectAttributes flash,
      Locale locale) {
    try {
      factors.rename(actor, id, name);
      flash.addFlashAttribute("notice", text("security.factor.renamed", locale));
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
    }
    return "redirect:/account/security";
  }

  @StepUp
  @PostMapping("/factors/{id}/remove")
  String remove(Actor actor, @PathVariable long id, RedirectAttributes flash, Locale locale) {
    factors.remove(actor, id);
    flash.addFlashAttribute("notice", text("security.factor.removed", locale));
    return "redirect:/account/security";
  }

  @StepUp
  @PostMapping("/recovery-codes")
  String regenerate(Actor actor, RedirectAttributes flash, Locale locale) {
    flash.addFlashAttribute("recoveryCodes", factors.regenerateRecoveryCodes(actor));
    flash.addFlashAttribute("notice", text("security.recovery.regenerated", locale));
    return "redirect:/account/security";
  }

  @StepUp
  @PostMapping("/password")
  String changePassword(
      Actor actor,
      @RequestParam String current,
      @RequestParam String password,
      @RequestParam String passwordAgain,
      RedirectAttributes flash,
      Locale locale) {
    if (!password.equals(passwordAgain)) {
      flash.addFlashAttribute("alert", text("signup.passwordsDiffer", locale));
      return "redirect:/account/security";
    }
    // the current password is held back as at sign-in (a stolen session guesses no faster):
    // while the account is held back it is not checked, so the right one answers as a wrong one
    String key = SignInGuard.accountKey(actor.nic());
    if (!guard.mayTry(key, actor.clientAddress(), null)) {
      flash.addFlashAttribute("alert", text("security.password.heldBack", locale));
      return "redirect:/account/security";
    }
    try {
      credentials.changePassword(actor, current, password);
      guard.succeeded(key, null);
      flash.addFlashAttribute("notice", text("security.password.changed", locale));
    } catch (WrongPassword wrong) {
      guard.failed(key, actor.clientAddress(), null);
      Flash.refusal(flash, wrong, locale);
    } catch (HandoverException refused) {
      Flash.refusal(flash, refused, locale);
    }
    return "redirect:/account/security";
  }

  @PostMapping("/sessions/{handle}/end")
  String endSession(
      Actor actor, @PathVariable String handle, RedirectAttributes flash, Locale locale) {
    sessions.end(actor.nic(), handle, actor);
    flash.addFlashAttribute("notice", text("security.session.ended", locale));
    return "redirect:/account/security";
  }

  /** Ends every other session and every consumer key of the account. */
  @PostMapping("/sign-out-everywhere")
  String signOutEverywhere(Actor actor, RedirectAttributes flash, Locale locale) {
    administration.endSessions(actor.nic(), actor);
    flash.addFlashAttribute("notice", text("security.everywhere.done", locale));
    return "redirect:/account/security";
  }

  @PostMapping("/keys/{id}/revoke")
  String revokeKey(Actor actor, @PathVariable long id, RedirectAttributes flash, Locale locale) {
    keys.revokeOwn(actor, id);
    flash.addFlashAttribute("notice", text("security.key.revoked", locale));
    return "redirect:/account/security";
  }

  private String text(String key, Locale locale) {
    return messages.getMessage(key, null, locale);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
