package org.handover.apiauth.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.handover.apiauth.AccessRule;
import org.handover.apiauth.ApiErrors;
import org.handover.apiauth.ApiKeys;
import org.handover.system.Actor;
import org.handover.system.Nic;
import org.handover.system.Throttle;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
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

  static final int LIMIT = 5;
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};

  private final UserDetailsService customers;
  private final PasswordEncoder passwords;
  private final ApiKeys keys;
  private final Throttle throttle;
  private final MessageSource messages;

  CreateTokenController(
      UserDetailsService customers,
      PasswordEncoder passwords,
      ApiKeys keys,
      Throttle throttle,
      MessageSource messages) {
    this.customers = customers;
    this.passwords = passwords;
    this.keys = keys;
    this.throttle = throttle;
    this.messages = messages;
  }

  @GetMapping("/createToken")
  String form(HttpServletRequest request, Model model) {
    model.addAttribute("rules", rulesFrom(request, false));
    return "apiauth/create-token";
  }

  @PostMapping(value = "/createToken", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Object> json(
      HttpServletRequest request,
      @RequestParam(defaultValue = "") String nic,
      @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "") String applicationName,
      @RequestParam(defaultValue = "") String applicationDescription,
      @RequestParam(defaultValue = "0") long validity) {
    try {
      return ResponseEntity.ok(
          create(request, nic, password, applicationName, applicationDescription, validity));
    } catch (ApiErrors.ApiException refused) {
      return ResponseEntity.status(refused.status())
          .body(
              Map.of(
                  "class",
                  "Client::" + (refused.status().value() == 403 ? "Forbidden" : "BadRequest"),
                  "message",
                  refused.getMessage()));
    }
  }

  @PostMapping("/createToken")
  String page(
      HttpServletRequest request,
      @RequestParam(defaultValue = "") String nic,
      @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "") String applicationName,
      @RequestParam(defaultValue = "") String applicationDescription,
      @RequestParam(defaultValue = "0") long validity,
      Model model,
      Locale locale) {
    try {
      model.addAttribute(
          "token",
          create(request, nic, password, applicationName, applicationDescription, validity));
    } catch (ApiErrors.ApiException refused) {
      model.addAttribute(
          "alert",
          messages.getMessage("createToken.refused", new Object[] {refused.getMessage()}, locale));
      model.addAttribute("rules", rulesFrom(request, false));
    }
    return "apiauth/create-token";
  }

  private ApiKeys.Token create(
      HttpServletRequest request,
      String nic,
      String password,
      String name,
      String description,
      long validity) {
    String loginKey = "createToken:" + nic.strip().toLowerCase(Locale.ROOT);
    String addressKey = "createToken:" + request.getRemoteAddr();
    if (throttle.isBlocked(loginKey, LIMIT) || throttle.isBlocked(addressKey, LIMIT * 6)) {
      throw new ApiErrors.Forbidden("Too many failed attempts; wait a quarter of an hour");
    }
    UserDetails customer = signInCustomer(nic);
    boolean ok =
        customer != null
            && customer.isEnabled()
            && passwords.matches(password, customer.getPassword());
    if (!ok) {
      throttle.record(loginKey);
      throttle.record(addressKey);
      throw new ApiErrors.Forbidden("Wrong customer ID or password");
    }
    if (validity < 0 || validity > Duration.ofDays(3650).toSeconds()) {
      throw new ApiErrors.BadRequest(
          "validity must be between 0 (unlimited) and 10 years in seconds");
    }
    List<AccessRule> rules = rulesFrom(request, true);
    if (rules.isEmpty()) {
      throw new ApiErrors.BadRequest(
          "Give at least one access rule (GET, POST, PUT or DELETE path)");
    }
    return keys.createToken(
        Actor.customer(Nic.parse(customer.getUsername()), request.getRemoteAddr()),
        name,
        description,
        rules,
        Duration.ofSeconds(validity));
  }

  /** The customer signing in with this login (ID or email), as sign-in finds it; null if none. */
  private UserDetails signInCustomer(String login) {
    try {
      return customers.loadUserByUsername(login);
    } catch (UsernameNotFoundException unknown) {
      return null;
    }
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
