package org.handover.account.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.account.Language;
import org.handover.account.NewAccount;
import org.handover.audit.Actor;
import org.handover.system.HandoverException;
import org.handover.system.TextRules;
import org.handover.system.Throttle;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/** Sign-in page and sign-up (Spring Security processes the sign-in form itself). */
@Controller
class SignInController {

  static final int SIGNUPS_PER_ADDRESS = 10;

  private final Accounts accounts;
  private final Throttle throttle;
  private final LocaleResolver locales;

  SignInController(Accounts accounts, Throttle throttle, LocaleResolver locales) {
    this.accounts = accounts;
    this.throttle = throttle;
    this.locales = locales;
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

  /**
   * Creates the account and signs the customer in, so the welcome page already has the panel's
   * menu, in the language they chose. Every problem with the form is reported at once, each next to
   * its field (400); nothing is created then.
   */
  @PostMapping("/signup")
  String signup(
      SignupForm form, HttpServletRequest request, HttpServletResponse response, Model model) {
    Language language = Language.of(form.language());
    locales.setLocale(request, response, language.locale());
    model.addAttribute("form", form);
    String key = "signup:" + request.getRemoteAddr();
    if (throttle.isBlocked(key, SIGNUPS_PER_ADDRESS)) {
      model.addAttribute("formError", "error.throttled");
      response.setStatus(429);
      return "account/signup";
    }
    Map<String, String> errors = form.problems();
    if (!errors.isEmpty()) {
      return refused(model, response, errors);
    }
    Account account;
    try {
      account =
          accounts.open(
              new NewAccount(
                  null,
                  form.email(),
                  form.firstName(),
                  form.lastName(),
                  form.organisation(),
                  language,
                  form.password()),
              Actor.visitor(request.getRemoteAddr()));
    } catch (Accounts.EmailTaken taken) {
      return refused(model, response, Map.of("email", "signup.email.taken"));
    } catch (HandoverException refused) {
      model.addAttribute("refusal", refused.message(language.locale()));
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return "account/signup";
    }
    throttle.record(key);
    if (signIn(request, account, form.password())) {
      model.addAttribute("signedIn", account.nic().value());
      model.addAttribute("customerName", account.displayName());
    }
    model.addAttribute("account", account);
    return "account/signup-done";
  }

  private static String refused(
      Model model, HttpServletResponse response, Map<String, String> errors) {
    model.addAttribute("errors", errors);
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    return "account/signup";
  }

  /** Signs the new customer in, in a fresh session (as a sign-in through the form would). */
  private static boolean signIn(HttpServletRequest request, Account account, String password) {
    try {
      if (request.getSession(false) != null) {
        request.changeSessionId();
      }
      request.login(account.nic().value(), password);
      return true;
    } catch (ServletException notSignedIn) {
      // the account exists; the welcome page then offers the sign-in link instead of the menu
      return false;
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

    /** Every field that is not right, with the message key that says why. */
    Map<String, String> problems() {
      Map<String, String> problems = new LinkedHashMap<>();
      if (email == null || !TextRules.isEmail(email.strip().toLowerCase(Locale.ROOT))) {
        problems.put("email", "signup.email.invalid");
      }
      if (blankOrLong(firstName)) {
        problems.put("firstName", "signup.firstName.invalid");
      }
      if (blankOrLong(lastName)) {
        problems.put("lastName", "signup.lastName.invalid");
      }
      if (organisation != null && !TextRules.isSingleLine(organisation, 100)) {
        problems.put("organisation", "signup.organisation.invalid");
      }
      if (password == null || password.length() < 10 || password.length() > 128) {
        problems.put("password", "account.password.weak");
      }
      if (password == null || !password.equals(passwordAgain)) {
        problems.put("passwordAgain", "signup.passwordsDiffer");
      }
      return problems;
    }

    private static boolean blankOrLong(String value) {
      return value == null || value.isBlank() || !TextRules.isSingleLine(value, 100);
    }

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
      accounts.requestPasswordReset(login, Actor.visitor(request.getRemoteAddr()));
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
