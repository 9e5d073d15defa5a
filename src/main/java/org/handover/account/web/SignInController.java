package org.handover.account.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.handover.account.Accounts;
import org.handover.account.Language;
import org.handover.account.NewAccount;
import org.handover.audit.Actor;
import org.handover.system.HandoverException;
import org.handover.system.HandoverProperties;
import org.handover.system.Throttle;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in page and sign-up (Spring Security processes the sign-in form itself). */
@Controller
class SignInController {

  static final int SIGNUPS_PER_ADDRESS = 10;

  private final Accounts accounts;
  private final Throttle throttle;
  private final HandoverProperties properties;

  SignInController(Accounts accounts, Throttle throttle, HandoverProperties properties) {
    this.accounts = accounts;
    this.throttle = throttle;
    this.properties = properties;
  }

  @GetMapping("/login")
  String login() {
    return "account/login";
  }

  @GetMapping("/signup")
  String signupForm(Model model, Locale locale) {
    model.addAttribute("form", SignupForm.empty(Language.of(locale.getLanguage())));
    return "account/signup";
  }

  @PostMapping("/signup")
  String signup(SignupForm form, HttpServletRequest request, Model model) {
    model.addAttribute("form", form);
    String key = "signup:" + request.getRemoteAddr();
    if (throttle.isBlocked(key, SIGNUPS_PER_ADDRESS)) {
      model.addAttribute("formError", "error.throttled");
      return "account/signup";
    }
    if (form.password() == null || !form.password().equals(form.passwordAgain())) {
      model.addAttribute("formError", "signup.passwordsDiffer");
      return "account/signup";
    }
    String perEmail =
        "signupTo:" + (form.email() == null ? "" : form.email().strip().toLowerCase(Locale.ROOT));
    try {
      NewAccount wanted =
          new NewAccount(
              null,
              form.email(),
              form.firstName(),
              form.lastName(),
              form.organisation(),
              Language.of(form.language()),
              form.password());
      // the same answer whether the address has an account or not (its holder gets an email);
      // at most a few such emails per address and per client address
      if (!throttle.isBlocked(perEmail, properties.security().signupMailsPerAddress())) {
        accounts.signUp(wanted, Actor.visitor(request.getRemoteAddr()));
      }
      throttle.record(key);
      throttle.record(perEmail);
      model.addAttribute("email", form.email().strip());
      return "account/signup-done";
    } catch (HandoverException refused) {
      model.addAttribute("refusal", refused.message(Language.of(form.language()).locale()));
      return "account/signup";
    }
  }

  /** The sign-up form as typed. */
  record SignupForm(
      String email,
      String firstName,
      String lastName,
      String organisation,
      String language,
      String password,
      String passwordAgain) {

    static SignupForm empty(Language language) {
      return new SignupForm("", "", "", "", language.name(), null, null);
    }
  }

  @GetMapping("/password-reset")
  String resetForm(
      @RequestParam(required = false) String login,
      @RequestParam(required = false) String token,
      Model model) {
    model.addAttribute("login", login);
    model.addAttribute("token", token);
    return token == null ? "account/password-reset" : "account/password-reset-confirm";
  }

  @PostMapping("/password-reset")
  String requestReset(@RequestParam String login, HttpServletRequest request, Model model) {
    String key = "reset:" + login.strip().toLowerCase(Locale.ROOT);
    if (!throttle.isBlocked(key, 3)) {
      throttle.record(key);
      accounts.requestPasswordResetLater(login, Actor.visitor(request.getRemoteAddr()));
    }
    model.addAttribute("login", login);
    model.addAttribute("sent", true);
    return "account/password-reset-confirm";
  }

  @PostMapping("/password-reset/confirm")
  String confirmReset(
      @RequestParam String login,
      @RequestParam String token,
      @RequestParam String password,
      @RequestParam String passwordAgain,
      HttpServletRequest request,
      Model model,
      Locale locale) {
    model.addAttribute("login", login);
    if (!password.equals(passwordAgain)) {
      model.addAttribute("formError", "signup.passwordsDiffer");
      return "account/password-reset-confirm";
    }
    try {
      accounts.resetPassword(login, token, password, Actor.visitor(request.getRemoteAddr()));
      return "redirect:/login?reset";
    } catch (HandoverException refused) {
      model.addAttribute("refusal", refused.message(locale));
      return "account/password-reset-confirm";
    }
  }
}
