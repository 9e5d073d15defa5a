package org.handover.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.handover.account.AccountOpening;
import org.handover.account.Credentials;
import org.handover.account.CustomerSignInSettings;
import org.handover.account.NewAccount;
import org.handover.account.SignedInCustomer;
import org.handover.system.Actor;
import org.handover.system.HandoverException;
import org.handover.system.HandoverProperties;
import org.handover.system.Language;
import org.handover.system.TextRules;
import org.handover.system.Throttle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.LocaleResolver;

/** Sign-in page and sign-up (Spring Security processes the sign-in form itself). */
@Controller
class SignInController {

  static final int SIGNUPS_PER_ADDRESS = 10;

  private final AccountOpening opening;
  private final Credentials credentials;
  private final Throttle throttle;
  private final LocaleResolver locales;
  private final HandoverProperties properties;
  private final CustomerSignInSettings customers;

  SignInController(
      AccountOpening opening,
      Credentials credentials,
      Throttle throttle,
      LocaleResolver locales,
      HandoverProperties properties,
      CustomerSignInSettings customers) {
    this.customers = customers;
    this.opening = opening;
    this.credentials = credentials;
    this.throttle = throttle;
    this.locales = locales;
    this.properties = properties;
  }

  /**
   * The sign-in page: Handover's password form, the provider's sign-in, or both, as {@code
   * handover.customers.sign-in} says. With the provider only, a plain visit goes straight to it; a
   * page with news (signed out, refused) stays, with a button to sign in again.
   */
  @GetMapping("/login")
  String login(HttpServletRequest request, Model model) {
    if (!customers.passwords() && request.getQueryString() == null) {
      return "redirect:/oauth2/authorization/customer";
    }
    model.addAttribute("passwords", customers.passwords());
    model.addAttribute("provider", customers.oidc());
    // a failed sign-in comes back with what was typed in the customer ID field
    HttpSession session = request.getSession(false);
    Object typed = session == null ? null : session.getAttribute(SignedInCustomer.TYPED_LOGIN);
    if (typed != null) {
      session.removeAttribute(SignedInCustomer.TYPED_LOGIN);
      model.addAttribute("typedLogin", typed);
    }
    return "account/login";
  }

  /** Reached only when passwords are off (the password form is handled by Spring Security). */
  @PostMapping("/login")
  String passwordsOff(Model model, HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    model.addAttribute("passwords", false);
    model.addAttribute("provider", true);
    model.addAttribute("passwordsOff", true);
    return "account/login";
  }

  /** Sign-up and password reset exist only where customers have Handover passwords. */
  private void requirePasswords() {
    if (!customers.passwords()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
  }

  /** The sign-up form's limits, one per field: its {@code maxlength} and its refusals' number. */
  @ModelAttribute("limits")
  Map<String, Integer> signupLimits() {
    return SignupForm.LIMITS;
  }

  @GetMapping("/signup")
  String signupForm(Model model, Locale locale) {
    requirePasswords();
    model.addAttribute("form", SignupForm.empty(Language.of(locale.getLanguage())));
    return "account/signup";
  }

  /**
   * Signs up. Every problem with the form is reported at once, each next to its field (400);
   * nothing is created then. Otherwise the answer is the same whether the address already has an
   * account or not (nobody learns which), in the language chosen: check your mailbox.
   */
  @PostMapping("/signup")
  String signup(
      SignupForm form, HttpServletRequest request, HttpServletResponse response, Model model) {
    requirePasswords();
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
    String perEmail = "signupTo:" + form.email().strip().toLowerCase(Locale.ROOT);
    try {
      NewAccount wanted =
          new NewAccount(
              null,
              form.email(),
              form.firstName(),
              form.lastName(),
              form.organisation(),
              language,
              form.password());
      // The same answer whether the address has an account or not: a new account gets its
      // customer ID and a confirmation link by email, the holder of an existing one a note.
      // At most a few such emails per address, and sign-ups per client address.
      if (!throttle.isBlocked(perEmail, properties.security().signupMailsPerAddress())) {
        opening.signUp(wanted, Actor.visitor(request.getRemoteAddr()));
      }
      throttle.record(perEmail);
    } catch (HandoverException refused) {
      model.addAttribute("refusal", refused.message(language.locale()));
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return "account/signup";
    }
    throttle.record(key);
    model.addAttribute("email", form.email().strip());
    return "account/signup-done";
  }

  private static String refused(
      Model model, HttpServletResponse response, Map<String, String> errors) {
    model.addAttribute("errors", errors);
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    return "account/signup";
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

    /**
     * The longest value of each typed field, the columns' limits: the form's {@code maxlength} and
     * the number its refusal names.
     */
    static final Map<String, Integer> LIMITS =
        Map.of(
            "email", TextRules.EMAIL,
            "firstName", TextRules.PERSON_NAME,
            "lastName", TextRules.PERSON_NAME,
            "organisation", TextRules.ORGANISATION);

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
      if (organisation != null
          && !organisation.isEmpty()
          && !TextRules.isSingleLine(organisation, TextRules.ORGANISATION)) {
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
      return value == null
          || value.isBlank()
          || !TextRules.isSingleLine(value, TextRules.PERSON_NAME);
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
    requirePasswords();
    model.addAttribute("login", login);
    model.addAttribute("token", token);
    return token == null ? "account/password-reset" : "account/password-reset-confirm";
  }

  @PostMapping("/password-reset")
  String requestReset(@RequestParam String login, HttpServletRequest request, Model model) {
    requirePasswords();
    String key = "reset:" + login.strip().toLowerCase(Locale.ROOT);
    if (!throttle.isBlocked(key, 3)) {
      throttle.record(key);
      credentials.requestPasswordResetLater(login, Actor.visitor(request.getRemoteAddr()));
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
    requirePasswords();
    model.addAttribute("login", login);
    model.addAttribute("token", token); // the emailed code typed or brought by the link, kept
    if (!password.equals(passwordAgain)) {
      // said beside the field to type again, as on the sign-up form
      model.addAttribute("againError", "signup.passwordsDiffer");
      return "account/password-reset-confirm";
    }
    try {
      credentials.resetPassword(login, token, password, Actor.visitor(request.getRemoteAddr()));
      return "redirect:/login?reset";
    } catch (HandoverException refused) {
      model.addAttribute("refusal", refused.message(locale));
      return "account/password-reset-confirm";
    }
  }
}
