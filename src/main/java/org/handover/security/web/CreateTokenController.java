package org.handover.security.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.handover.account.Account;
import org.handover.account.Accounts;
import org.handover.account.CustomerSignInSettings;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiErrors;
import org.handover.apiauth.ApiKeys;
import org.handover.apiauth.ApiLanguage;
import org.handover.audit.SecurityEvent;
import org.handover.audit.SecurityLog;
import org.handover.audit.SecurityReason;
import org.handover.security.KnownDevices;
import org.handover.security.SecondFactors;
import org.handover.security.SignInGuard;
import org.handover.system.Actor;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * {@code /createToken}, as the reference provider offers it: customer ID and password, an
 * application name and description, a validity and access rules in one form, answered with an
 * application key, its secret and an already validated consumer key (as JSON on request).
 * Authenticated by the password in the form itself; throttled like sign-in.
 */
@Controller
class CreateTokenController {

  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};

  private final Accounts accounts;
  private final PasswordEncoder passwords;
  private final ApiKeys keys;
  private final SignInGuard guard;
  private final KnownDevices devices;
  private final SecondFactors factors;
  private final MessageSource messages;
  private final CustomerSignInSettings customers;
  private final SecurityLog log;

  CreateTokenController(
      Accounts accounts,
      PasswordEncoder passwords,
      ApiKeys keys,
      SignInGuard guard,
      KnownDevices devices,
      SecondFactors factors,
      MessageSource messages,
      CustomerSignInSettings customers,
      SecurityLog log) {
    this.customers = customers;
    this.log = log;
    this.accounts = accounts;
    this.passwords = passwords;
    this.keys = keys;
    this.guard = guard;
    this.devices = devices;
    this.factors = factors;
    this.messages = messages;
  }

  @GetMapping("/createToken")
  String form(HttpServletRequest request, Model model, HttpServletResponse response) {
    model.addAttribute("rules", rulesFrom(request, false));
    return view(model, response);
  }

  /** The page; without Handover passwords it offers no form and says where keys come from. */
  private String view(Model model, HttpServletResponse response) {
    model.addAttribute("passwords", customers.passwords());
    if (!customers.passwords()) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    }
    return "apiauth/create-token";
  }

  @PostMapping(value = "/createToken", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Object> json(
      HttpServletRequest request,
      @RequestParam(defaultValue = "") String nic,
      @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "") String code,
      @RequestParam(defaultValue = "") String applicationName,
      @RequestParam(defaultValue = "") String applicationDescription,
      @RequestParam(defaultValue = "0") String validity) {
    try {
      return ResponseEntity.ok(
          create(request, nic, password, code, applicationName, applicationDescription, validity));
    } catch (ApiErrors.ApiException refused) {
      return ResponseEntity.status(refused.status())
          .body(ApiErrors.answer(refused, ApiLanguage.of(request)).getBody());
    }
  }

  @PostMapping("/createToken")
  String page(
      HttpServletRequest request,
      @RequestParam(defaultValue = "") String nic,
      @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "") String code,
      @RequestParam(defaultValue = "") String applicationName,
      @RequestParam(defaultValue = "") String applicationDescription,
      @RequestParam(defaultValue = "0") String validity,
      Model model,
      Locale locale,
      HttpServletResponse response) {
    try {
      model.addAttribute(
          "token",
          create(request, nic, password, code, applicationName, applicationDescription, validity));
    } catch (ApiErrors.ApiException refused) {
      model.addAttribute(
          "alert",
          messages.getMessage(
              "createToken.refused", new Object[] {refused.message(locale)}, locale));
      model.addAttribute("rules", rulesFrom(request, false));
    }
    return view(model, response);
  }

  private ApiKeys.Token create(
      HttpServletRequest request,
      String nic,
      String password,
      String code,
      String name,
      String description,
      String validityText) {
    if (!customers.passwords()) {
      throw new ApiErrors.Forbidden("api.error.createToken.oidc");
    }
    // the same count as the panel's sign-in: by account, whatever login names it
    String key = guard.keyFor(nic);
    String device = devices.known(key, request);
    if (!guard.mayTry(key, request.getRemoteAddr(), device)) {
      throw new ApiErrors.Forbidden("api.error.createToken.throttled");
    }
    Account account = accounts.findForSignIn(nic).filter(Account::isActive).orElse(null);
    boolean ok =
        account != null
            && accounts
                .passwordHash(account.nic())
                .map(h -> passwords.matches(password, h))
                .orElse(false);
    if (ok && factors.enrolled(account.nic())) {
      // with a second factor, a consumer key needs its code too
      ok = factors.verify(account.nic(), code).isPresent();
    }
    if (!ok) {
      guard.failed(key, request.getRemoteAddr(), device);
      if (account != null) {
        log.record(
            account.nic(),
            SecurityEvent.signInFailed,
            SecurityLog.Details.signIn("password", null).with(SecurityReason.createToken, null));
      }
      throw new ApiErrors.Forbidden("api.error.createToken.wrong");
    }
    long validity = validity(validityText);
    List<AccessRule> rules = rulesFrom(request, true);
    if (rules.isEmpty()) {
      throw new ApiErrors.BadRequest("api.error.createToken.noRule");
    }
    return keys.createToken(
        Actor.customer(account.nic(), request.getRemoteAddr()),
        name,
        description,
        rules,
        Duration.ofSeconds(validity));
  }

  /** Seconds from 0 (unlimited) to ten years; anything else, a number or not, the same 400. */
  private static long validity(String text) {
    try {
      long seconds = Long.parseLong(text.strip());
      if (seconds >= 0 && seconds <= ApiKeys.MAX_VALIDITY.toSeconds()) {
        return seconds;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw new ApiErrors.BadRequest("api.error.validity", ApiKeys.MAX_VALIDITY.toSeconds());
  }

  /** The access rules given as repeated GET/POST/PUT/DELETE fields (or query parameters). */
  private static List<AccessRule> rulesFrom(HttpServletRequest request, boolean strict) {
    List<AccessRule> rules = new ArrayList<>();
    for (String method : METHODS) {
      String[] paths = request.getParameterValues(method);
      if (paths == null) {
        continue;
      }
      for (String path : paths) {
        if (path == null || path.isBlank()) {
          continue;
        }
        try {
          rules.add(AccessRule.of(method, path.strip()));
        } catch (ApiErrors.ApiException malformed) {
          if (strict) {
            throw malformed;
          }
        }
      }
    }
    return rules;
  }
}
